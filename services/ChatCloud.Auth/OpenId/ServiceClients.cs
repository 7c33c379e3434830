using System.Security.Claims;
using ChatCloud.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ChatCloud.Auth.OpenId;

/// <summary>
/// Section <c>Auth:ServiceClients</c>: one confidential client per ChatCloud service that calls
/// others (<c>Auth__ServiceClients__tcpedge=&lt;secret&gt;</c>), for the client credentials grant
/// (RFC 6749 §4.4). The AppHost generates each secret as a parameter and hands the same value to
/// the calling service (<c>Identity:ClientSecret</c>).
/// </summary>
public sealed class ServiceClientOptions
{
    public const string SectionName = "Auth:ServiceClients";

    /// <summary>Shorter secrets than this are refused at start-up: they are the only thing a client proves itself with.</summary>
    public const int MinimumSecretLength = 24;

    public Dictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);
}

/// <summary>The access token of a service: its client id as <c>sub</c> and <c>name</c>, role <c>service</c>, audience <c>chatcloud</c>.</summary>
public static class ServiceTokens
{
    public static ClaimsIdentity ForClient(string clientId, string audience)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId);
        identity.SetClaim(Claims.Name, clientId);
        identity.SetClaims(Claims.Role, [TokenRoles.Service]);
        identity.SetResources(audience);
        // An access token only: a service gets no identity or refresh token.
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return identity;
    }
}

/// <summary>Creates or brings up to date the service clients at every start, after the web client made the schema.</summary>
public sealed partial class ServiceClientRegistrar(IServiceScopeFactory scopes, IOptions<ServiceClientOptions> options, ILogger<ServiceClientRegistrar> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var (clientId, secret) in options.Value.Secrets)
        {
            var descriptor = Describe(clientId, secret);
            var existing = await applications.FindByClientIdAsync(clientId, cancellationToken);
            if (existing is null)
            {
                await applications.CreateAsync(descriptor, cancellationToken);
                LogRegistered(logger, clientId);
            }
            else
            {
                // The secret may have changed (a new parameter value); the stored hash follows it.
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static OpenIddictApplicationDescriptor Describe(string clientId, string secret) => new()
    {
        ClientId = clientId,
        ClientSecret = secret,
        ClientType = ClientTypes.Confidential,
        DisplayName = $"ChatCloud service {clientId}",
        Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered the service client {ClientId}")]
    private static partial void LogRegistered(ILogger logger, string clientId);
}
