using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// Direct messages through the whole path: edge, bus, messages service, PostgreSQL, back to the edge,
/// and CHATHISTORY through the history service. A conversation is read by its two parties only.
/// </summary>
public sealed class DirectMessageTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_users_talk_directly_and_the_conversation_is_theirs_alone_to_replay()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (aliceNick, bobNick, malloryNick) = ($"dalice{tag}", $"dbob{tag}", $"dmal{tag}");
        await using var alice = await ConnectAsync(aliceNick);
        var bob = await ConnectAsync(bobNick);
        await using var mallory = await ConnectAsync(malloryNick);

        await alice.SendAsync($"PRIVMSG {bobNick} :hello bob", Cancellation);
        var first = await bob.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal), Cancellation);
        var firstEcho = await alice.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal), Cancellation);
        await bob.SendAsync($"PRIVMSG {aliceNick} :hello alice", Cancellation);
        var second = await alice.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal), Cancellation);
        await alice.SendAsync($"NOTICE {bobNick} :a notice", Cancellation);
        var third = await bob.ExpectAsync(line => line.EndsWith(" :a notice", StringComparison.Ordinal), Cancellation);
        await alice.SendAsync($"PRIVMSG nobody{tag} :anyone?", Cancellation);
        var noSuchNick = await alice.ExpectAsync(line => Verb(line) == "401", Cancellation);

        Assert.Matches($@"^@msgid=[0-9a-z]{{26}};time=\S+ :{aliceNick}!~\S+@user/{aliceNick} PRIVMSG {bobNick} :hello bob$", first);
        Assert.Equal(first, firstEcho); // echo-message: the author sees what the recipient sees
        Assert.Matches($@" :{bobNick}!~\S+@user/{bobNick} PRIVMSG {aliceNick} :hello alice$", second);
        Assert.Matches($@" :{aliceNick}!~\S+@user/{aliceNick} NOTICE {bobNick} :a notice$", third);
        Assert.Equal($":chatcloud.local 401 {aliceNick} nobody{tag} :No such nick/channel", noSuchNick);

        // Bob comes back on a new connection, logged in to his account under another nick: the
        // conversation belongs to the accounts, and its lines are those delivered live.
        await bob.SendAsync("QUIT :bye", Cancellation);
        await bob.DisposeAsync();
        await using var bobAgain = await ConnectAsync($"dbob2{tag}", account: bobNick);
        var history = await ChatHistoryAsync(bobAgain, $"LATEST {aliceNick} * 10", aliceNick);
        // Every connection here has the same capabilities, so a line is the same for all of them.
        Assert.Equal([first, second, third], history.Lines.Select(line => line.Replace($"@batch={history.Batch};", "@", StringComparison.Ordinal)));

        await bobAgain.SendAsync("CHATHISTORY TARGETS timestamp=2000-01-01T00:00:00.000Z timestamp=2100-01-01T00:00:00.000Z 10", Cancellation);
        var targets = await ReadBatchAsync(bobAgain, "draft/chathistory-targets");
        Assert.Matches($@"^@batch={targets.Batch} :chatcloud\.local CHATHISTORY TARGETS {aliceNick} \S+$", Assert.Single(targets.Lines));

        // Mallory is in neither conversation: naming either party gets her own (empty) conversation with them.
        Assert.Empty((await ChatHistoryAsync(mallory, $"LATEST {aliceNick} * 10", aliceNick)).Lines);
        Assert.Empty((await ChatHistoryAsync(mallory, $"LATEST {bobNick} * 10", bobNick)).Lines);
        await mallory.SendAsync("CHATHISTORY TARGETS timestamp=2000-01-01T00:00:00.000Z timestamp=2100-01-01T00:00:00.000Z 10", Cancellation);
        Assert.Empty((await ReadBatchAsync(mallory, "draft/chathistory-targets")).Lines);
    }

    /// <summary>A client with the capabilities a history-aware client asks for, logged in to <paramref name="account"/> (default: the nick).</summary>
    private async Task<IrcTestClient> ConnectAsync(string nick, string? account = null)
    {
        var client = await IrcTestClient.ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await client.SendAsync("CAP LS 302", Cancellation);
        await client.SendAsync("CAP REQ :echo-message server-time message-tags batch draft/chathistory", Cancellation);
        await client.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal), Cancellation);
        if (account is null)
        {
            await client.RegisterAsync(nick, Cancellation);
            return client;
        }
        await client.SendAsync("CAP REQ :sasl", Cancellation);
        await client.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal) && line.Contains("sasl", StringComparison.Ordinal), Cancellation);
        await client.SendAsync($"NICK {nick}", Cancellation);
        await client.SendAsync($"USER {nick} 0 * :{nick}", Cancellation);
        await client.LogInAsync(account, TestPassword(account), Cancellation);
        await client.SendAsync("CAP END", Cancellation);
        await client.ExpectAsync(line => Verb(line) == "001", Cancellation);
        return client;
    }

    private static async Task<(string Batch, List<string> Lines)> ChatHistoryAsync(IrcTestClient client, string query, string target)
    {
        await client.SendAsync("CHATHISTORY " + query, Cancellation);
        var history = await ReadBatchAsync(client, "chathistory");
        Assert.Equal($":chatcloud.local BATCH +{history.Batch} chathistory {target}", history.Start);
        return (history.Batch, history.Lines);
    }

    private static async Task<(string Batch, string Start, List<string> Lines)> ReadBatchAsync(IrcTestClient client, string type)
    {
        var start = await client.ExpectAsync(line => line.Contains(" BATCH +", StringComparison.Ordinal) && line.Contains($" {type}", StringComparison.Ordinal)
            || Verb(line) == "FAIL", Cancellation);
        Assert.DoesNotContain("FAIL", start, StringComparison.Ordinal);
        var batch = start.Split(' ')[2][1..];
        var lines = new List<string>();
        while (await client.ReadLineAsync(Cancellation) is { } line && line != $":chatcloud.local BATCH -{batch}")
        {
            lines.Add(line);
        }
        return (batch, start, lines);
    }
}
