using System.Net;
using System.Net.Http.Json;
using System.Text;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>SASL OAUTHBEARER on the booted suite: a token from the auth service's code flow, checked by the edge against the JWKS.</summary>
public sealed class IrcOAuthBearerTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<string> AccessTokenAsync(string name, string password)
    {
        using (var http = await suite.App.CreateServiceClientAsync(ResourceNames.Auth, Cancellation))
        {
            using var created = await http.PostAsJsonAsync("/accounts", new { name, password }, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        using var browser = new OidcBrowser(suite.App.GetEndpoint(ResourceNames.Auth, "http"), suite.GatewayAddress);
        var (status, tokens) = await browser.RedeemCodeAsync(await browser.AuthorizeAsync(name, password));
        Assert.Equal(HttpStatusCode.OK, status);
        return tokens.GetProperty("access_token").GetString()!;
    }

    /// <summary>AUTHENTICATE OAUTHBEARER and the response in 400-byte chunks (sasl-3.1); answers the first reply after it.</summary>
    private static async Task<string> AuthenticateAsync(IrcTestClient client, string token)
    {
        await client.SendAsync("AUTHENTICATE OAUTHBEARER", Cancellation);
        Assert.Equal("AUTHENTICATE +", await client.ExpectAsync(_ => true, Cancellation));
        var response = Convert.ToBase64String(Encoding.UTF8.GetBytes($"n,,\u0001auth=Bearer {token}\u0001\u0001"));
        for (var offset = 0; offset < response.Length; offset += 400)
        {
            await client.SendAsync($"AUTHENTICATE {response[offset..Math.Min(offset + 400, response.Length)]}", Cancellation);
        }
        if (response.Length % 400 == 0)
        {
            await client.SendAsync("AUTHENTICATE +", Cancellation);
        }
        return await client.ExpectAsync(_ => true, Cancellation);
    }

    [Fact]
    public async Task A_token_from_the_code_flow_logs_in_over_IRC()
    {
        var token = await AccessTokenAsync("bearerbea", "beas password");
        await using var client = await ConnectAsync(suite.IrcTlsPort, suite.IrcCertificateHash, Cancellation);

        await client.SendAsync("CAP LS 302", Cancellation);
        var ls = await client.ExpectAsync(line => Verb(line) == "CAP", Cancellation);
        await client.SendAsync("CAP REQ :sasl", Cancellation);
        await client.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal), Cancellation);
        await client.SendAsync("NICK bearerbea", Cancellation);
        await client.SendAsync("USER bea 0 * :Bea", Cancellation);
        var loggedIn = await AuthenticateAsync(client, token);
        var success = await client.ExpectAsync(_ => true, Cancellation);
        await client.SendAsync("CAP END", Cancellation);

        Assert.Contains(" sasl=PLAIN,OAUTHBEARER", ls, StringComparison.Ordinal);
        Assert.Equal(":chatcloud.local 900 bearerbea bearerbea!~bea@user/bearerbea bearerbea :You are now logged in as bearerbea", loggedIn);
        Assert.Equal("903", Verb(success));
        Assert.Equal("001", Verb(await client.ExpectAsync(_ => true, Cancellation)));
    }

    [Fact]
    public async Task A_token_issued_before_a_sign_out_everywhere_no_longer_logs_in()
    {
        var user = await SignedInUser.CreateAsync(suite, "bearerben", "bens password");
        var (token, _) = await user.SignInAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await user.CallAsync(HttpMethod.Post, "/account/sign-out-everywhere", token)).Status);
        await using var client = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);

        await client.SendAsync("CAP REQ :sasl", Cancellation);
        await client.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal), Cancellation);
        await client.SendAsync("NICK bearerben", Cancellation);
        await client.SendAsync("USER ben 0 * :Ben", Cancellation);
        var challenge = await AuthenticateAsync(client, token);
        await client.SendAsync("AUTHENTICATE AQ==", Cancellation);

        // The JWT itself is still within its lifetime: it is the auth service that says the session ended.
        Assert.Equal("AUTHENTICATE eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIn0=", challenge);
        Assert.Equal("904", Verb(await client.ExpectAsync(_ => true, Cancellation)));
    }

    [Fact]
    public async Task A_tampered_token_gets_the_error_challenge_and_904()
    {
        var token = await AccessTokenAsync("bearercy", "cys password");
        // Another account's name in the payload, the signature left as it was.
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1])).Replace("bearercy", "admin", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        await using var client = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);

        var challenge = await AuthenticateAsync(client, tampered);
        await client.SendAsync("AUTHENTICATE AQ==", Cancellation);

        Assert.Equal("AUTHENTICATE eyJzdGF0dXMiOiJpbnZhbGlkX3Rva2VuIn0=", challenge);
        Assert.Equal(":chatcloud.local 904 * :SASL authentication failed: invalid token", await client.ExpectAsync(_ => true, Cancellation));
    }
}
