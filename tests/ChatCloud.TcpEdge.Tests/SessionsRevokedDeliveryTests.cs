using ChatCloud.Contracts.Auth;
using ChatCloud.TcpEdge.Accounts;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>auth.account-sessions-revoked.v1 on an edge: the account's connections close with the reason, others stay.</summary>
public sealed class SessionsRevokedDeliveryTests
{
    [Fact]
    public async Task Every_connection_of_the_account_closes_with_the_reason_and_other_accounts_stay()
    {
        var server = CreateServer(TimeProvider.System, options => options.RequireAccount = true,
            accounts: new FakeAccountService().With("mia", "mias password").With("ned", "neds password"));
        await using var first = new TestConnection(server);
        await using var second = new TestConnection(server);
        await using var other = new TestConnection(server);
        foreach (var connection in new[] { first, second, other })
        {
            server.Track(connection.Session);
        }
        await LogInAsync(first, "mia", "mia", "mias password");
        await LogInAsync(second, "mia2", "mia", "mias password");
        await LogInAsync(other, "ned", "ned", "neds password");

        await new SessionsRevokedDelivery(server).HandleAsync(new AccountSessionsRevoked(first.Session.Account!.Id, "Signed out"), null!, CancellationToken.None);
        await other.SendAsync("PING :still-here");

        Assert.Equal("ERROR :Closing Link: 127.0.0.1 (Signed out)", await first.ExpectAsync(line => line.StartsWith("ERROR", StringComparison.Ordinal)));
        Assert.Equal("ERROR :Closing Link: 127.0.0.1 (Signed out)", await second.ExpectAsync(line => line.StartsWith("ERROR", StringComparison.Ordinal)));
        Assert.Equal(":chatcloud.local PONG chatcloud.local still-here", await other.ExpectAsync(line => Verb(line) is "PONG" or "ERROR"));
    }

    [Fact]
    public async Task A_connection_signed_in_but_not_yet_registered_is_closed_too()
    {
        var server = CreateServer(TimeProvider.System, options => options.RequireAccount = true,
            accounts: new FakeAccountService().With("mia", "mias password"));
        await using var connecting = new TestConnection(server);
        server.Track(connecting.Session);
        connecting.Send("CAP LS 302");
        connecting.Send("CAP REQ :sasl");
        connecting.Send("AUTHENTICATE PLAIN");
        await connecting.SendAsync("AUTHENTICATE " + Convert.ToBase64String("\0mia\0mias password"u8));
        await connecting.ExpectAsync(line => Verb(line) == "903");

        await new SessionsRevokedDelivery(server).HandleAsync(new AccountSessionsRevoked(connecting.Session.Account!.Id, "Signed out"), null!, CancellationToken.None);

        Assert.Equal("ERROR :Closing Link: 127.0.0.1 (Signed out)", await connecting.ExpectAsync(line => line.StartsWith("ERROR", StringComparison.Ordinal)));
    }

    private static async Task LogInAsync(TestConnection connection, string nick, string account, string password)
    {
        connection.Send($"PASS :{account}:{password}");
        connection.Send($"NICK {nick}");
        await connection.SendAsync($"USER {account} 0 * :{account}");
        await connection.ExpectAsync(line => Verb(line) == "001");
    }
}
