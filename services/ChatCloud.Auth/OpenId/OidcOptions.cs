using System.ComponentModel.DataAnnotations;

namespace ChatCloud.Auth.OpenId;

/// <summary>
/// Section <c>Auth:Oidc</c>: the OpenID Connect provider. The AppHost sets the issuer to the auth
/// service's address; without one the service does not start (a provider that guesses its own name
/// from each request's Host header would sign tokens for whatever name a caller sends).
/// </summary>
public sealed class OidcOptions : IValidatableObject
{
    public const string SectionName = "Auth:Oidc";

    /// <summary>The <c>iss</c> of every token and the base of the discovery document's endpoints.</summary>
    [Required]
    public Uri? Issuer { get; set; }

    /// <summary>The <c>aud</c> of access tokens; every ChatCloud API validates it.</summary>
    [Required]
    public string Audience { get; set; } = "chatcloud";

    /// <summary>Short, so a token that leaked or outlived a sign-out is soon worthless (docs/security.md).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an unused refresh token stays valid; each use rotates it and restarts the clock.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How long a refresh token already exchanged may be exchanged again (two tabs refreshing at
    /// once). Zero: any second use is a reuse, and revokes the whole chain.
    /// </summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.Zero;

    /// <summary>How long the sign-in cookie of the auth service's own page lasts (one sign-in per device and day).</summary>
    public TimeSpan SignInSessionLifetime { get; set; } = TimeSpan.FromHours(12);

    public SigningKeyOptions Keys { get; set; } = new();

    public WebClientOptions WebClient { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Issuer is { IsAbsoluteUri: false })
        {
            yield return new ValidationResult("The issuer must be an absolute URI.", [nameof(Issuer)]);
        }
        if (AccessTokenLifetime <= TimeSpan.Zero || RefreshTokenLifetime <= AccessTokenLifetime)
        {
            yield return new ValidationResult("Token lifetimes must be positive, a refresh token outliving an access token.", [nameof(RefreshTokenLifetime)]);
        }
        if (Keys.ReloadEvery <= TimeSpan.Zero || Keys.PublishAhead <= Keys.ReloadEvery || Keys.RotateAfter <= Keys.PublishAhead
            || Keys.RetainAfterRotation < AccessTokenLifetime + Keys.ReloadEvery)
        {
            // A replica switches keys up to one reload late, and its last tokens live an access token's lifetime more.
            yield return new ValidationResult(
                "Keys:ReloadEvery must be positive and shorter than Keys:PublishAhead, Keys:RotateAfter must exceed Keys:PublishAhead, "
                + "and Keys:RetainAfterRotation must cover an access token's lifetime plus Keys:ReloadEvery.", [nameof(Keys)]);
        }
        if (WebClient.RedirectUris.Count == 0 || WebClient.RedirectUris.Any(uri => !uri.IsAbsoluteUri))
        {
            yield return new ValidationResult("WebClient:RedirectUris needs at least one absolute URI.", [nameof(WebClient)]);
        }
    }
}

/// <summary>Signing and encryption keys live in <c>auth.oidc_keys</c>, shared by every replica and kept across restarts.</summary>
public sealed class SigningKeyOptions
{
    /// <summary>A key signs for this long, then a new one takes over.</summary>
    public TimeSpan RotateAfter { get; set; } = TimeSpan.FromDays(90);

    /// <summary>A new key is in the JWKS this long before it signs, so validators that cache the JWKS know it in time.</summary>
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromDays(2);

    /// <summary>A replaced key stays in the JWKS this long, so the tokens it signed still validate.</summary>
    public TimeSpan RetainAfterRotation { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// How often a running replica reads the key ring again: it publishes a successor another replica
    /// made and switches to a key that became active, at most this late.
    /// </summary>
    public TimeSpan ReloadEvery { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>The web app: a public client (no secret can be kept in a browser), so PKCE is required.</summary>
public sealed class WebClientOptions
{
    public const string ClientId = "chatcloud-web";

    // Bound from configuration as a list; the default serves ./run.sh (the gateway on 8080).
    public List<Uri> RedirectUris { get; set; } = [];

    public List<Uri> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>The default when configuration names none (a bound list would otherwise add to it).</summary>
    public static readonly Uri DefaultRedirectUri = new("http://127.0.0.1:8080/auth/callback");
}
