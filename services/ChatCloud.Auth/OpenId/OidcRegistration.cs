using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ChatCloud.Auth.OpenId;

/// <summary>
/// The OpenID Connect provider (issue 4): OpenIddict with its EF Core stores, the authorization code
/// flow with PKCE for the public web client, rotating reference refresh tokens, JWT access tokens
/// signed with the keys of <see cref="OidcKeyRing"/>. The decisions are in docs/security.md.
/// </summary>
public static class OidcRegistration
{
    public static WebApplicationBuilder AddOidcProvider(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OidcOptions>()
            .BindConfiguration(OidcOptions.SectionName)
            .PostConfigure(options =>
            {
                if (options.WebClient.RedirectUris.Count == 0)
                {
                    options.WebClient.RedirectUris.Add(WebClientOptions.DefaultRedirectUri);
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IOidcKeyStore, PostgresOidcKeyStore>();
        services.AddSingleton<OidcKeyRing>();
        // A reload that brings other keys rebuilds OpenIddict's options, which it reads per request.
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(provider => provider.GetRequiredService<OidcKeyRing>());
        services.AddHostedService<OidcKeyRefresher>();

        services.AddDbContext<OidcDbContext>((provider, options) =>
        {
            options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>());
            options.UseOpenIddict();
        });

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<OidcDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris(OidcPaths.Authorize)
                    .SetTokenEndpointUris(OidcPaths.Token)
                    .SetRevocationEndpointUris(OidcPaths.Revoke)
                    .SetEndSessionEndpointUris(OidcPaths.EndSession)
                    .SetDeviceAuthorizationEndpointUris(OidcPaths.Device)
                    .SetEndUserVerificationEndpointUris(OidcPaths.Verify);
                server.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow();
                // The terminal client (chatcloud-cli) signs in with the device authorization grant
                // (RFC 8628): it has no browser, and never sees the password (DeviceVerificationPage.cs).
                server.AllowDeviceAuthorizationFlow();
                // Service-to-service: each calling service is a confidential client (ServiceClients.cs).
                server.AllowClientCredentialsFlow();
                server.RequireProofKeyForCodeExchange();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess);
                // Every ChatCloud service and edge validates access tokens on its own with the JWKS:
                // they are signed JWTs, not encrypted ones only this service could read.
                server.DisableAccessTokenEncryption();
                // Refresh tokens are random handles to a database row: revocable at once, and a reused
                // one is recognised (OpenIddict then revokes every token of the authorization).
                server.UseReferenceRefreshTokens();
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableEndUserVerificationEndpointPassthrough();
            });
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, OidcServerConfiguration>();
        services.AddOptions<OpenIddictServerAspNetCoreOptions>().Configure<IOptions<OidcOptions>>((aspNetCore, oidc) =>
            // An http issuer (the local suite, whose services speak plain HTTP on loopback) cannot
            // require https; a deployment configures an https issuer and gets the requirement back.
            aspNetCore.DisableTransportSecurityRequirement = oidc.Value.Issuer?.Scheme == Uri.UriSchemeHttp);

        services.AddAuthentication().AddCookie(SignInPage.CookieScheme, cookie =>
        {
            cookie.LoginPath = SignInPage.Path;
            cookie.Cookie.Name = "chatcloud.auth.session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = false;
        });
        services.AddOptions<CookieAuthenticationOptions>(SignInPage.CookieScheme).Configure<IOptions<OidcOptions>>((cookie, oidc) =>
            cookie.ExpireTimeSpan = oidc.Value.SignInSessionLifetime);
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "chatcloud.auth.antiforgery";
            antiforgery.FormFieldName = SignInPage.AntiforgeryField;
        });
        services.AddHostedService<WebClientRegistrar>();
        services.AddOptions<ServiceClientOptions>()
            .Configure<IConfiguration>((clients, configuration) => configuration.GetSection(ServiceClientOptions.SectionName).Bind(clients.Secrets))
            .Validate(clients => clients.Secrets.Values.All(secret => secret.Length >= ServiceClientOptions.MinimumSecretLength),
                $"Every secret of {ServiceClientOptions.SectionName} needs at least {ServiceClientOptions.MinimumSecretLength} characters.")
            .ValidateOnStart();
        services.AddHostedService<ServiceClientRegistrar>();
        return builder;
    }
}

public static class OidcPaths
{
    public const string Authorize = "connect/authorize";
    public const string Token = "connect/token";
    public const string Revoke = "connect/revoke";
    public const string EndSession = "connect/endsession";
    public const string Device = "connect/device";
    public const string Verify = "connect/verify";
}
