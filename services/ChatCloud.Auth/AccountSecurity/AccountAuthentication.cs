using System.Security.Claims;
using ChatCloud.Auth.OpenId;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ChatCloud.Auth.AccountSecurity;

/// <summary>
/// Who calls <c>/account/*</c>: the signed-in user, by an access token this service issued, checked
/// by OpenIddict's validation handler against the local server (its keys, no HTTP round trip). With
/// authorization entry validation, a token whose authorization was revoked (sign-out everywhere, a
/// revoked session) stops working here at once, not only at its expiry; so does one of an account
/// signed out everywhere, deleted or disabled (<see cref="AccountStillSignedIn"/>). The one place of this
/// wiring, to reconcile with the JwtBearer set-up every other API gets (issue 4, service trust).
/// </summary>
public static class AccountAuthentication
{
    public const string Policy = "signed-in-account";

    public static WebApplicationBuilder AddAccountAuthentication(this WebApplicationBuilder builder)
    {
        var audience = builder.Configuration[$"{OidcOptions.SectionName}:{nameof(OidcOptions.Audience)}"] ?? new OidcOptions().Audience;
        builder.Services.AddOpenIddict().AddValidation(validation =>
        {
            validation.UseLocalServer();
            validation.UseAspNetCore();
            validation.AddAudiences(audience);
            validation.EnableAuthorizationEntryValidation();
            validation.AddEventHandler(AccountStillSignedIn.Descriptor);
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(Claims.Subject));
        return builder;
    }

    public static Guid AccountId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Claims.Subject), out var id) ? id : throw new InvalidOperationException("The token has no account id.");

    /// <summary>The authorization (the session: one sign-in's refresh-token chain) the calling token belongs to.</summary>
    public static string? SessionId(this ClaimsPrincipal user) => user.GetAuthorizationId();
}
