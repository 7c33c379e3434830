using Aspire.Hosting;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Npgsql;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>Terminal users chatting in a room through the whole pipeline: edge, broker, messages service, PostgreSQL, back.</summary>
public sealed class RoomChatTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_users_chat_in_a_room_and_every_line_is_stored_before_it_arrives()
    {
        await using var alice = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await using var bob = await ConnectAsync(suite.IrcTlsPort, suite.IrcCertificateHash, Cancellation);
        await alice.RegisterAsync("alice", Cancellation);
        await bob.RegisterAsync("bob", Cancellation);
        await alice.SendAsync("JOIN #lounge", Cancellation);
        await alice.ExpectAsync(line => Verb(line) == "366", Cancellation);
        await bob.SendAsync("JOIN #lounge", Cancellation);
        var names = await bob.ExpectAsync(line => Verb(line) == "353", Cancellation);
        await alice.ExpectAsync(line => line.StartsWith(":bob!", StringComparison.Ordinal) && Verb(line) == "JOIN", Cancellation);

        await alice.SendAsync("PRIVMSG #lounge :hello bob", Cancellation);
        var received = await bob.ExpectAsync(line => Verb(line) == "PRIVMSG", Cancellation);
        var storedWhenReceived = await StoredTextsAsync("#lounge");
        await bob.SendAsync("PRIVMSG #lounge :hi alice, over TLS", Cancellation);
        var reply = await alice.ExpectAsync(line => Verb(line) == "PRIVMSG", Cancellation);

        Assert.EndsWith(":@alice bob", names, StringComparison.Ordinal);
        Assert.Equal(":alice!~alice@user/alice PRIVMSG #lounge :hello bob", received);
        Assert.Contains("hello bob", storedWhenReceived);
        Assert.Equal(":bob!~bob@user/bob PRIVMSG #lounge :hi alice, over TLS", reply);
        Assert.Equal(["hello bob", "hi alice, over TLS"], await StoredTextsAsync("#lounge"));
    }

    [Fact]
    public async Task With_echo_message_the_author_sees_its_stored_line_with_the_server_time()
    {
        await using var author = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await author.SendAsync("CAP LS 302", Cancellation);
        await author.SendAsync("CAP REQ :echo-message server-time", Cancellation);
        await author.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal), Cancellation);
        await author.SendAsync("CAP END", Cancellation);
        await author.RegisterAsync("echoer", Cancellation);
        await author.SendAsync("JOIN #echo", Cancellation);
        await author.ExpectAsync(line => Verb(line) == "366", Cancellation);

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await author.SendAsync("PRIVMSG #echo :did it arrive?", Cancellation);
        var echoed = await author.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal), Cancellation);

        var match = System.Text.RegularExpressions.Regex.Match(echoed, @"^@time=(\S+) :echoer!~echoer@user/echoer PRIVMSG #echo :did it arrive\?$");
        Assert.True(match.Success, echoed);
        var time = DateTimeOffset.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(time, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task A_burst_from_one_user_arrives_complete_and_in_order()
    {
        await using var sender = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await using var reader = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await sender.RegisterAsync("burster", Cancellation);
        await reader.RegisterAsync("listener", Cancellation);
        await sender.SendAsync("JOIN #burst", Cancellation);
        await sender.ExpectAsync(line => Verb(line) == "366", Cancellation);
        await reader.SendAsync("JOIN #burst", Cancellation);
        await reader.ExpectAsync(line => Verb(line) == "366", Cancellation);
        await sender.ExpectAsync(line => line.StartsWith(":listener!", StringComparison.Ordinal), Cancellation);

        // 30 lines: the 20-line flood burst, then ten more the edge paces at 4 a second.
        const int Count = 30;
        for (var i = 0; i < Count; i++)
        {
            await sender.SendAsync($"PRIVMSG #burst :line {i}", Cancellation);
        }
        var lines = new List<string>();
        while (lines.Count < Count)
        {
            lines.Add(await reader.ExpectAsync(line => Verb(line) == "PRIVMSG", Cancellation));
        }

        Assert.Equal(Enumerable.Range(0, Count).Select(i => $":burster!~burster@user/burster PRIVMSG #burst :line {i}"), lines);
    }

    [Fact]
    public async Task Only_members_may_speak_and_a_quit_is_seen_by_the_room()
    {
        await using var member = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await using var outsider = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await member.RegisterAsync("member", Cancellation);
        await outsider.RegisterAsync("outsider", Cancellation);
        await member.SendAsync("JOIN #closed", Cancellation);
        await member.ExpectAsync(line => Verb(line) == "366", Cancellation);

        await outsider.SendAsync("PRIVMSG #closed :let me in", Cancellation);
        var refused = await outsider.ExpectAsync(line => Verb(line) == "404", Cancellation);
        await outsider.SendAsync("JOIN #closed", Cancellation);
        await member.ExpectAsync(line => line.StartsWith(":outsider!", StringComparison.Ordinal), Cancellation);
        await outsider.SendAsync("QUIT :bye", Cancellation);
        var quit = await member.ExpectAsync(line => Verb(line) == "QUIT", Cancellation);

        Assert.Contains(" 404 outsider #closed :Cannot send to channel", refused, StringComparison.Ordinal);
        Assert.StartsWith(":outsider!~outsider@user/outsider QUIT :Quit: bye", quit, StringComparison.Ordinal);
    }

    private async Task<List<string>> StoredTextsAsync(string room)
    {
        await using var dataSource = NpgsqlDataSource.Create((await suite.App.GetConnectionStringAsync(ResourceNames.Database, Cancellation))!);
        await using var command = dataSource.CreateCommand("""
            SELECT m.text FROM messages.messages m JOIN messages.rooms r ON r.id = m.room_id
            WHERE r.name = $1 AND m.kind IN ('PRIVMSG', 'NOTICE') ORDER BY m.sequence
            """);
        command.Parameters.AddWithValue(room);
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var texts = new List<string>();
        while (await reader.ReadAsync(Cancellation))
        {
            texts.Add(reader.GetString(0));
        }
        return texts;
    }
}
