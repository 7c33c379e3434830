using Aspire.Hosting.ApplicationModel;
using ChatCloud.AppHost.Infrastructure;

namespace ChatCloud.AppHost;

/// <summary>The issuer every service trusts (its <c>Identity</c> section), decided once by <c>ChatCloud:IdentityProvider</c>.</summary>
/// <remarks>
/// The built-in provider's issuer is the gateway's public address (<see cref="PublicIssuer"/>), while
/// services read its metadata at auth's own address (<see cref="Authority"/>); Keycloak's are one.
/// </remarks>
public sealed record TokenIssuer(IdentityProviderMode Provider, ReferenceExpression Authority, ReferenceExpression? PublicIssuer = null)
{
    /// <summary>The <c>aud</c> every ChatCloud access token names, from either provider.</summary>
    public const string Audience = "chatcloud";

    public static TokenIssuer For(
        ChatCloudHostSettings settings, IResourceBuilder<ProjectResource> auth, IResourceBuilder<ProjectResource> gateway, ChatInfrastructure infra)
    {
        if (settings.IdentityProvider == IdentityProviderMode.Keycloak)
        {
            var keycloak = infra.Keycloak ?? throw new InvalidOperationException(
                "ChatCloud:IdentityProvider=Keycloak needs the Keycloak container: run with ChatCloud:Infrastructure=Containers (Docker), or use the built-in provider.");
            return new TokenIssuer(IdentityProviderMode.Keycloak, ReferenceExpression.Create($"{keycloak.GetEndpoint("http")}/realms/chatcloud"));
        }
        return new TokenIssuer(IdentityProviderMode.Builtin, ReferenceExpression.Create($"{auth.GetEndpoint("http")}"),
            ReferenceExpression.Create($"{gateway.GetEndpoint("http")}"));
    }
}

internal static class TokenTrustExtensions
{
    /// <summary>
    /// The service checks every token against the issuer (docs/security.md). The authority is an
    /// http endpoint inside the suite's own network, so the metadata cannot be required over https.
    /// </summary>
    public static IResourceBuilder<ProjectResource> TrustsTokensOf(this IResourceBuilder<ProjectResource> service, TokenIssuer issuer)
    {
        service.WithEnvironment("Identity__Provider", issuer.Provider.ToString())
            .WithEnvironment("Identity__Authority", issuer.Authority)
            .WithEnvironment("Identity__Audience", TokenIssuer.Audience)
            .WithEnvironment("Identity__RequireHttpsMetadata", "false");
        return issuer.PublicIssuer is { } publicIssuer ? service.WithEnvironment("Identity__PublicIssuer", publicIssuer) : service;
    }

    /// <summary>The service calls others with its own token: its client id and the secret the issuer knows too.</summary>
    public static IResourceBuilder<ProjectResource> WithServiceClient(this IResourceBuilder<ProjectResource> service, IResourceBuilder<ParameterResource> secret) =>
        service.WithEnvironment("Identity__ClientId", service.Resource.Name)
            .WithEnvironment("Identity__ClientSecret", secret);
}
