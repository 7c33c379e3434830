using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ChatCloud.Authentication;

/// <summary>
/// How every ChatCloud service trusts a token (issue 4): JwtBearer against the configured
/// <see cref="IdentityOptions.Authority"/>, issuer from its discovery document, audience always
/// checked, lifetime with a small skew, signature from the cached JWKS; roles read the same for the
/// built-in provider and Keycloak (<see cref="TokenRoles"/>); the policies of <see cref="ChatCloudPolicies"/>,
/// and a fallback that requires a valid token wherever an endpoint names no policy.
/// </summary>
public static class TokenTrustRegistration
{
    /// <summary>The named HttpClient that reads discovery documents, JWKS and service tokens; it never carries a token itself.</summary>
    public const string MetadataClientName = "identity-metadata";

    public static TBuilder AddChatCloudTokenTrust<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<IdentityOptions>()
            .BindConfiguration(IdentityOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(MetadataClientName, http => http.Timeout = TimeSpan.FromSeconds(10));

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<IdentityOptions>, IHttpClientFactory>(Configure);
        services.AddHostedService<TokenTrustWarmup>();
        services.TryAddSingleton<BearerTokenValidator>();

        var bearer = new[] { JwtBearerDefaults.AuthenticationScheme };
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(bearer).RequireAuthenticatedUser().Build())
            .AddPolicy(ChatCloudPolicies.User, policy => policy.AddAuthenticationSchemes(bearer).RequireRole(TokenRoles.User, TokenRoles.Admin))
            .AddPolicy(ChatCloudPolicies.Admin, policy => policy.AddAuthenticationSchemes(bearer).RequireRole(TokenRoles.Admin))
            .AddPolicy(ChatCloudPolicies.Service, policy => policy.AddAuthenticationSchemes(bearer).RequireRole(TokenRoles.Service));
        return builder;
    }

    private static void Configure(JwtBearerOptions jwt, IOptions<IdentityOptions> options, IHttpClientFactory httpClients)
    {
        var identity = options.Value;
        jwt.Authority = identity.Authority!.AbsoluteUri;
        jwt.Audience = identity.Audience;
        jwt.RequireHttpsMetadata = identity.RequireHttpsMetadata;
        // Through the factory: telemetry and the resilience defaults, and a name service discovery resolves.
        jwt.Backchannel = httpClients.CreateClient(MetadataClientName);
        if (identity.PublicIssuer is { } publicIssuer)
        {
            // Tokens name the public issuer (the gateway); metadata and keys come from the authority.
            jwt.MetadataAddress = identity.Authority.AbsoluteUri.TrimEnd('/') + "/.well-known/openid-configuration";
            jwt.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                jwt.MetadataAddress, new InternalMetadataRetriever(publicIssuer, identity.Authority),
                new HttpDocumentRetriever(jwt.Backchannel) { RequireHttps = identity.RequireHttpsMetadata });
        }
        // Claims keep the names the issuer wrote (sub, name, role), not WS-Federation URIs.
        jwt.MapInboundClaims = false;
        jwt.IncludeErrorDetails = false;
        Apply(jwt.TokenValidationParameters, identity);
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (context.Principal?.Identity is ClaimsIdentity validated)
                {
                    TokenRoles.Map(validated, identity.Provider);
                }
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>
    /// The checks beyond the signature, shared with the TCP edge's SASL OAUTHBEARER. The issuer is
    /// the discovery document's (JwtBearer adds it, as the edge does); audience validation stays on.
    /// </summary>
    public static void Apply(Microsoft.IdentityModel.Tokens.TokenValidationParameters parameters, IdentityOptions identity)
    {
        parameters.ValidateIssuer = true;
        parameters.ValidateAudience = true;
        parameters.ValidAudience = identity.Audience;
        parameters.ValidateLifetime = true;
        parameters.RequireExpirationTime = true;
        parameters.RequireSignedTokens = true;
        parameters.ValidateIssuerSigningKey = true;
        parameters.ClockSkew = identity.ClockSkew;
        parameters.NameClaimType = TokenRoles.NameClaim(identity.Provider);
        parameters.RoleClaimType = TokenRoles.RoleClaim;
    }
}
