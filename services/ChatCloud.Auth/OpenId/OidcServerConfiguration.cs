using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ChatCloud.Auth.OpenId;

/// <summary>
/// What OpenIddict's builder cannot know at registration: the issuer and lifetimes from
/// <see cref="OidcOptions"/> and the keys in force (<see cref="OidcKeyRing"/>). Runs before OpenIddict's own checks.
/// </summary>
public sealed class OidcServerConfiguration(IOptions<OidcOptions> oidc, OidcKeyRing keyRing) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        var config = oidc.Value;
        options.Issuer = config.Issuer;
        options.AccessTokenLifetime = config.AccessTokenLifetime;
        options.RefreshTokenLifetime = config.RefreshTokenLifetime;
        options.RefreshTokenReuseLeeway = config.RefreshTokenReuseLeeway;
        // PKCE with S256 only: "plain" sends the verifier's equal in the front channel (RFC 7636 §4.2, §7.2;
        // OAuth 2.0 Security BCP, RFC 9700 §2.1.1).
        options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);

        // Built again whenever the key ring reloads other keys (OidcKeyRing is this options' change token source).
        var (signing, encryption) = keyRing.Current;
        // The current key first: OpenIddict signs and encrypts with the first credential; the others
        // are in the JWKS (signing) or can still decrypt (encryption).
        foreach (var key in signing.All)
        {
            options.SigningCredentials.Add(new SigningCredentials(OidcKeyRing.ToSecurityKey(key), SecurityAlgorithms.RsaSha256));
        }
        foreach (var key in encryption.All)
        {
            options.EncryptionCredentials.Add(new EncryptingCredentials(OidcKeyRing.ToSecurityKey(key),
                SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }
}
