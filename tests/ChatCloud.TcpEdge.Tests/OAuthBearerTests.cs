using System.Text;
using ChatCloud.TcpEdge.Accounts;
using ChatCloud.TcpEdge.Commands;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>SASL OAUTHBEARER (RFC 7628) on the edge, against a stand-in token check.</summary>
public sealed class OAuthBearerTests
{
    private static string Bearer(string token, string authzid = "") =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"n,{(authzid.Length > 0 ? "a=" + authzid : "")},\u0001auth=Bearer {token}\u0001\u0001"));

    private static TestConnection Connect(FakeAccountService accounts) =>
        new(CreateServer(TimeProvider.System, options => options.RequireAccount = true, accounts: accounts));

    [Theory]
    [InlineData("n,,\u0001auth=Bearer abc.def\u0001\u0001", null, "abc.def")]
    [InlineData("n,a=alice,\u0001host=irc.example\u0001port=6697\u0001auth=bearer abc\u0001\u0001", "alice", "abc")]
    [InlineData("y,,\u0001auth=Bearer  abc\u0001\u0001", null, "abc")]
    public void Well_formed_initial_responses_give_the_token(string text, string? authzid, string token) =>
        Assert.Equal(new OAuthBearerResponse(authzid, token), OAuthBearerResponse.Parse(Convert.ToBase64String(Encoding.UTF8.GetBytes(text))));

    [Theory]
    [InlineData("n,,\u0001auth=Bearer abc\u0001")] // one closing kvsep
    [InlineData("p=tls-unique,,\u0001auth=Bearer abc\u0001\u0001")] // channel binding is not offered
    [InlineData("n,,\u0001auth=Basic abc\u0001\u0001")]
    [InlineData("n,,\u0001host=x\u0001\u0001")] // no auth
    [InlineData("n,,\u0001auth=Bearer \u0001\u0001")] // an empty token
    [InlineData("n,b=x,\u0001auth=Bearer abc\u0001\u0001")]
    [InlineData("\u0001")] // the kvsep a client sends after an error challenge
    public void Malformed_initial_responses_are_refused(string text) =>
        Assert.Null(OAuthBearerResponse.Parse(Convert.ToBase64String(Encoding.UTF8.GetBytes(text))));

    [Fact]
    public void Bad_base64_is_refused() => Assert.Null(OAuthBearerResponse.Parse("not base64!"));

    [Fact]
    public async Task A_valid_token_logs_in()
    {
        await using var connection = Connect(new FakeAccountService().WithToken("tok-erin", "erin"));

        connection.Send("NICK erin");
        connection.Send("AUTHENTICATE OAUTHBEARER");
        var challenge = await connection.ExpectAsync(_ => true);
        await connection.SendAsync($"AUTHENTICATE {Bearer("tok-erin", authzid: "Erin")}");

        Assert.Equal("AUTHENTICATE +", challenge);
        Assert.Equal($":chatcloud.local 900 erin erin!*@user/erin erin :You are now logged in as erin", await connection.ExpectAsync(_ => true));
        Assert.Equal(":chatcloud.local 903 erin :SASL authentication successful", await connection.ExpectAsync(_ => true));
        Assert.Equal("erin", connection.Session.Account?.Name);
    }

    [Fact]
    public async Task An_invalid_token_gets_the_error_challenge_then_904_after_the_clients_kvsep()
    {
        await using var connection = Connect(new FakeAccountService().WithToken("tok-fay", "fay"));

        connection.Send("AUTHENTICATE OAUTHBEARER");
        await connection.ExpectAsync(_ => true);
        await connection.SendAsync($"AUTHENTICATE {Bearer("forged")}");
        var challenge = await connection.ExpectAsync(_ => true);
        await connection.SendAsync("AUTHENTICATE AQ==");

        Assert.Equal($"AUTHENTICATE {OAuthBearerCommands.InvalidTokenChallenge}", challenge);
        Assert.Equal("""{"status":"invalid_token"}""", Encoding.UTF8.GetString(Convert.FromBase64String(OAuthBearerCommands.InvalidTokenChallenge)));
        Assert.Equal(":chatcloud.local 904 * :SASL authentication failed: invalid token", await connection.ExpectAsync(_ => true));
        Assert.Null(connection.Session.Account);
        Assert.False(connection.Session.Sasl.InProgress);
    }

    [Fact]
    public async Task A_token_used_to_act_as_another_account_is_refused()
    {
        await using var connection = Connect(new FakeAccountService().WithToken("tok-gus", "gus"));

        connection.Send("AUTHENTICATE OAUTHBEARER");
        await connection.ExpectAsync(_ => true);
        await connection.SendAsync($"AUTHENTICATE {Bearer("tok-gus", authzid: "admin")}");

        Assert.Equal($"AUTHENTICATE {OAuthBearerCommands.InvalidTokenChallenge}", await connection.ExpectAsync(_ => true));
        Assert.Null(connection.Session.Account);
    }

    [Fact]
    public async Task A_malformed_response_gets_904_and_an_unreachable_auth_service_a_FAIL()
    {
        await using var malformed = Connect(new FakeAccountService());
        await using var unavailable = Connect(new FakeAccountService(unavailable: true));

        malformed.Send("AUTHENTICATE OAUTHBEARER");
        await malformed.ExpectAsync(_ => true);
        await malformed.SendAsync($"AUTHENTICATE {Convert.ToBase64String(Encoding.UTF8.GetBytes("n,,\u0001auth=Basic x\u0001\u0001"))}");
        unavailable.Send("AUTHENTICATE OAUTHBEARER");
        await unavailable.ExpectAsync(_ => true);
        await unavailable.SendAsync($"AUTHENTICATE {Bearer("tok")}");

        Assert.Equal(":chatcloud.local 904 * :SASL authentication failed: invalid OAUTHBEARER response", await malformed.ExpectAsync(_ => true));
        Assert.Equal("904", Verb(await unavailable.ExpectAsync(_ => true)));
        Assert.StartsWith(":chatcloud.local FAIL AUTHENTICATE TEMPORARILY_UNAVAILABLE", await unavailable.ExpectAsync(_ => true), StringComparison.Ordinal);
    }
}
