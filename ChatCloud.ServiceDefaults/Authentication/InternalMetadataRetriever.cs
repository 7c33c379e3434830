using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ChatCloud.Authentication;

/// <summary>
/// Reads the issuer's discovery document from the authority (inside the suite) when the issuer's
/// public address is another (the gateway, docs/security.md "The issuer's address"): the document
/// names its JWKS and token endpoint under the public issuer, and these are fetched at the same path
/// on the authority instead, so no service ever needs to reach the gateway to check a token or to
/// get its own. The issuer itself is left as the document says: tokens are checked against it.
/// </summary>
public sealed class InternalMetadataRetriever(Uri publicIssuer, Uri authority) : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(address, new Rewriting(this, retriever), cancel);
        configuration.TokenEndpoint = Internal(configuration.TokenEndpoint);
        return configuration;
    }

    /// <summary><paramref name="address"/> under the public issuer, moved to the authority; any other address as it is.</summary>
    public string Internal(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return address ?? "";
        }
        var prefix = publicIssuer.AbsoluteUri.TrimEnd('/') + "/";
        return address.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            ? authority.AbsoluteUri.TrimEnd('/') + "/" + address[prefix.Length..]
            : address;
    }

    private sealed class Rewriting(InternalMetadataRetriever owner, IDocumentRetriever inner) : IDocumentRetriever
    {
        public Task<string> GetDocumentAsync(string address, CancellationToken cancel) => inner.GetDocumentAsync(owner.Internal(address), cancel);
    }
}
