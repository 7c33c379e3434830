using Microsoft.Extensions.Options;
using Npgsql;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ChatCloud.Auth.OpenId;

/// <summary>
/// On start-up: OpenIddict's tables exist and the clients <c>chatcloud-web</c> (redirect URIs as
/// configuration says) and <c>chatcloud-cli</c> are registered (created once, brought up to date on
/// later starts).
/// </summary>
public sealed partial class WebClientRegistrar(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, IOptions<OidcOptions> options, ILogger<WebClientRegistrar> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await OidcSchema.EnsureAsync(scope.ServiceProvider.GetRequiredService<OidcDbContext>(), dataSource, cancellationToken);
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var descriptor in new[] { Describe(options.Value.WebClient), DescribeTerminalClient() })
        {
            var existing = await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken);
            if (existing is null)
            {
                await applications.CreateAsync(descriptor, cancellationToken);
                LogRegistered(logger, descriptor.ClientId!);
            }
            else
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
            }
        }
    }

    public const string TerminalClientId = "chatcloud-cli";

    /// <summary>
    /// The terminal client (docs/cli.md): public (a program on the user's machine keeps no secret),
    /// the device authorization grant and refresh tokens only — the same as the Keycloak realm's
    /// <c>chatcloud-cli</c>. No redirect URI, so it can never take part in the code flow.
    /// </summary>
    public static OpenIddictApplicationDescriptor DescribeTerminalClient() => new()
    {
        ClientId = TerminalClientId,
        ClientType = ClientTypes.Public,
        // First-party, and the verification page asks the user to allow the sign-in anyway.
        ConsentType = ConsentTypes.Implicit,
        DisplayName = "chatcloud terminal client",
        Permissions =
        {
            Permissions.Endpoints.DeviceAuthorization,
            Permissions.Endpoints.Token,
            Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.DeviceCode,
            Permissions.GrantTypes.RefreshToken,
            Permissions.Scopes.Profile,
            Permissions.Scopes.Roles,
        },
    };

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static OpenIddictApplicationDescriptor Describe(WebClientOptions client)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = WebClientOptions.ClientId,
            ClientType = ClientTypes.Public,
            // First-party: the user is not asked to consent to our own web app.
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "ChatCloud web app",
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Revocation,
                // Sign-out ends the sign-in session too (RP-initiated logout), back to a registered post-logout URI.
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Roles,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        descriptor.RedirectUris.UnionWith(client.RedirectUris);
        descriptor.PostLogoutRedirectUris.UnionWith(client.PostLogoutRedirectUris);
        return descriptor;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered the OpenID Connect client {ClientId}")]
    private static partial void LogRegistered(ILogger logger, string clientId);
}
