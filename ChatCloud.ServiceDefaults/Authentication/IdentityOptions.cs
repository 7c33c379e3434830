using System.ComponentModel.DataAnnotations;

namespace ChatCloud.Authentication;

/// <summary>Who issues the tokens every ChatCloud service trusts (issue 4, "Keycloak").</summary>
public enum IdentityProvider
{
    /// <summary>The auth service's own OpenID Connect provider: roles in <c>role</c> claims.</summary>
    Builtin,

    /// <summary>A Keycloak realm: roles in <c>realm_access.roles</c>, the account name in <c>preferred_username</c>.</summary>
    Keycloak,
}

/// <summary>
/// Section <c>Identity</c>: the token issuer every service trusts, the audience tokens must name and,
/// for a service that calls others, its own client credentials. The AppHost sets all of it; a service
/// without an authority or audience does not start (it would otherwise trust nothing, or anything).
/// </summary>
public sealed class IdentityOptions : IValidatableObject
{
    public const string SectionName = "Identity";

    public IdentityProvider Provider { get; set; } = IdentityProvider.Builtin;

    /// <summary>
    /// The issuer's base address: the auth service's, or Keycloak's <c>…/realms/chatcloud</c>. The
    /// discovery document is read at <c>{Authority}/.well-known/openid-configuration</c>, and its
    /// <c>issuer</c> is the only <c>iss</c> accepted.
    /// </summary>
    [Required]
    public Uri? Authority { get; set; }

    /// <summary>
    /// The issuer's public address, when it is not <see cref="Authority"/>: the built-in provider is
    /// reached by browsers through the gateway, so its tokens and discovery document name the gateway,
    /// while services keep fetching metadata and keys from the authority, inside the suite
    /// (<see cref="InternalMetadataRetriever"/>). Null: the authority is the public address too (Keycloak).
    /// </summary>
    public Uri? PublicIssuer { get; set; }

    /// <summary>The <c>aud</c> every token must name (<c>chatcloud</c>); never switched off.</summary>
    [Required]
    public string Audience { get; set; } = "";

    /// <summary>
    /// Whether the discovery document must come over https. Only an http authority (the local suite
    /// on loopback) may turn it off; an https authority always requires it.
    /// </summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How far a token's <c>exp</c> and <c>nbf</c> may miss this machine's clock.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This service's client id for the client credentials grant (only services that call others).</summary>
    public string? ClientId { get; set; }

    /// <summary>Its secret; from an AppHost parameter, never from a file in the repository.</summary>
    public string? ClientSecret { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Authority is { } authority && (!authority.IsAbsoluteUri || authority.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"{SectionName}:Authority must be an absolute http or https address.", [nameof(Authority)]);
        }
        if (PublicIssuer is { } issuer && (!issuer.IsAbsoluteUri || issuer.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"{SectionName}:PublicIssuer must be an absolute http or https address.", [nameof(PublicIssuer)]);
        }
        if (string.IsNullOrWhiteSpace(Audience))
        {
            yield return new ValidationResult($"{SectionName}:Audience must name the audience tokens are issued for.", [nameof(Audience)]);
        }
        if (!RequireHttpsMetadata && Authority is { IsAbsoluteUri: true, Scheme: "https" })
        {
            yield return new ValidationResult($"{SectionName}:RequireHttpsMetadata may be false only for an http authority.", [nameof(RequireHttpsMetadata)]);
        }
        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult($"{SectionName}:ClockSkew must be between 0 and 5 minutes.", [nameof(ClockSkew)]);
        }
    }
}
