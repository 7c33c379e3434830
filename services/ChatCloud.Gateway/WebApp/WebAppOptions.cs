using System.ComponentModel.DataAnnotations;

namespace ChatCloud.Gateway.WebApp;

public sealed class WebAppOptions
{
    public const string SectionName = "WebApp";

    /// <summary>The folder holding the built web app: <c>web/dist</c> in a local run (the AppHost passes it), else the <c>webapp</c> folder published beside the gateway.</summary>
    [Required]
    public string Root { get; set; } = "webapp";

    /// <summary>
    /// The OpenID Connect issuer the browser signs in with when it is not the gateway itself: Keycloak's
    /// realm in Keycloak mode (the AppHost passes it). Empty: the built-in provider, at this origin.
    /// </summary>
    public Uri? SignInAuthority { get; set; }
}
