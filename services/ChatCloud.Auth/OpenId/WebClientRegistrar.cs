using Microsoft.Extensions.Options;
using Npgsql;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ChatCloud.Auth.OpenId;

/// <summary>
/// On start-up: OpenIddict's tables exist and the client <c>chatcloud-web</c> is registered as
/// configuration says (created once, brought up to date on later starts: redirect URIs follow the
/// configuration).
/// </summary>
public sealed partial class WebClientRegistrar(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, IOptions<OidcOptions> options, ILogger<WebClientRegistrar> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await OidcSchema.EnsureAsync(scope.ServiceProvider.GetRequiredService<OidcDbContext>(), dataSource, cancellationToken);
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = Describe(options.Value.WebClient);
        var existing = await applications.FindByClientIdAsync(WebClientOptions.ClientId, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
            LogRegistered(logger, WebClientOptions.ClientId);
        }
        else
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }

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
