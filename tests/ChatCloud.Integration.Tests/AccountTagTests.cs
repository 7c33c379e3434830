using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>IRCv3 account-tag through the whole pipeline: the account name travels with the post, is stored, and comes back live and in history.</summary>
public sealed class AccountTagTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_logged_in_users_message_carries_account_live_and_in_history()
    {
        var room = "#at" + Guid.NewGuid().ToString("N")[..12];
        var authorNick = "atauthor" + Guid.NewGuid().ToString("N")[..6];
        await using var author = await ConnectAsync(authorNick, room, "batch");
        await using var reader = await ConnectAsync("atreader" + Guid.NewGuid().ToString("N")[..6], room, "server-time message-tags batch account-tag");

        await author.SendAsync($"PRIVMSG {room} :signed by my account", Cancellation);
        var live = await reader.ExpectAsync(line => line.Contains($" PRIVMSG {room} ", StringComparison.Ordinal), Cancellation);
        await reader.SendAsync($"CHATHISTORY LATEST {room} * 10", Cancellation);
        var start = await reader.ExpectAsync(line => line.Contains(" BATCH +", StringComparison.Ordinal) || line.Contains(" FAIL ", StringComparison.Ordinal), Cancellation);
        var batch = start.Split(' ')[2][1..];
        var played = await reader.ExpectAsync(line => line.Contains($" PRIVMSG {room} ", StringComparison.Ordinal), Cancellation);

        Assert.Matches($@"^@msgid=[^;]+;time=[^;]+;account={authorNick} :{authorNick}!~\S+ PRIVMSG {room} :signed by my account$", live);
        Assert.Equal($"@batch={batch};{live[1..]}", played);
    }

    private async Task<IrcTestClient> ConnectAsync(string nick, string room, string caps)
    {
        var client = await IrcTestClient.ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await client.SendAsync("CAP LS 302", Cancellation);
        await client.SendAsync($"CAP REQ :{caps}", Cancellation);
        await client.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal), Cancellation);
        await client.SendAsync("CAP END", Cancellation);
        await client.RegisterAsync(nick, Cancellation);
        await client.SendAsync($"JOIN {room}", Cancellation);
        await client.ExpectAsync(line => Verb(line) == "366", Cancellation);
        return client;
    }
}
