using ChatCloud.Authentication;
using Microsoft.IdentityModel.Protocols;
using Xunit;

namespace ChatCloud.ServiceDefaults.Tests;

/// <summary>
/// The issuer's public address is the gateway's; services read its metadata, keys and token endpoint
/// at auth's own address instead, and still check tokens against the public issuer (docs/security.md).
/// </summary>
public sealed class InternalMetadataRetrieverTests
{
    private static readonly InternalMetadataRetriever Retriever = new(new Uri("http://127.0.0.1:8080/"), new Uri("http://localhost:5101"));

    [Theory]
    [InlineData("http://127.0.0.1:8080/.well-known/jwks", "http://localhost:5101/.well-known/jwks")]
    [InlineData("http://127.0.0.1:8080/connect/token", "http://localhost:5101/connect/token")]
    [InlineData("http://keycloak:8080/realms/chatcloud/protocol/openid-connect/certs", "http://keycloak:8080/realms/chatcloud/protocol/openid-connect/certs")]
    [InlineData("http://127.0.0.1:80801/x", "http://127.0.0.1:80801/x")] // only the issuer's own paths, not a look-alike
    public void Addresses_under_the_public_issuer_move_to_the_authority(string address, string expected) =>
        Assert.Equal(expected, Retriever.Internal(address));

    [Fact]
    public async Task The_document_keys_and_token_endpoint_are_read_inside_while_the_issuer_stays_public()
    {
        var documents = new Recording(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["http://localhost:5101/.well-known/openid-configuration"] = """
                {"issuer":"http://127.0.0.1:8080/","jwks_uri":"http://127.0.0.1:8080/.well-known/jwks","token_endpoint":"http://127.0.0.1:8080/connect/token"}
                """,
            ["http://localhost:5101/.well-known/jwks"] = """{"keys":[]}""",
        });

        var configuration = await Retriever.GetConfigurationAsync(
            "http://localhost:5101/.well-known/openid-configuration", documents, TestContext.Current.CancellationToken);

        Assert.Equal("http://127.0.0.1:8080/", configuration.Issuer);
        Assert.Equal("http://localhost:5101/connect/token", configuration.TokenEndpoint);
        Assert.Equal(["http://localhost:5101/.well-known/openid-configuration", "http://localhost:5101/.well-known/jwks"], documents.Asked);
    }

    private sealed class Recording(Dictionary<string, string> documents) : IDocumentRetriever
    {
        public List<string> Asked { get; } = [];

        public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            Asked.Add(address);
            return Task.FromResult(documents[address]);
        }
    }
}
