using ChatCloud.Contracts.History;
using ChatCloud.TcpEdge.History;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>CHATHISTORY (IRCv3 draft/chathistory): argument checks, standard replies, batch framing and tags.</summary>
public sealed class HistoryCommandTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, 123, TimeSpan.Zero);

    [Theory]
    [InlineData("CHATHISTORY FETCH #garden * 10", "FAIL CHATHISTORY INVALID_PARAMS FETCH :Unknown command")]
    [InlineData("CHATHISTORY LATEST #garden *", "FAIL CHATHISTORY INVALID_PARAMS LATEST :Insufficient parameters")]
    [InlineData("CHATHISTORY LATEST #garden * 10 extra", "FAIL CHATHISTORY INVALID_PARAMS LATEST :Too many parameters")]
    [InlineData("CHATHISTORY BETWEEN #garden msgid=a 10", "FAIL CHATHISTORY INVALID_PARAMS BETWEEN :Insufficient parameters")]
    [InlineData("CHATHISTORY BEFORE #garden * 10", "FAIL CHATHISTORY INVALID_PARAMS BEFORE * :Invalid message reference")]
    [InlineData("CHATHISTORY AFTER #garden id=abc 10", "FAIL CHATHISTORY INVALID_PARAMS AFTER id=abc :Invalid message reference")]
    [InlineData("CHATHISTORY BEFORE #garden timestamp=yesterday 10", "FAIL CHATHISTORY INVALID_PARAMS BEFORE timestamp=yesterday :Invalid timestamp")]
    [InlineData("CHATHISTORY AFTER #garden msgid=abc 0", "FAIL CHATHISTORY INVALID_PARAMS AFTER 0 :Invalid limit")]
    [InlineData("CHATHISTORY AROUND #garden msgid=abc ten", "FAIL CHATHISTORY INVALID_PARAMS AROUND ten :Invalid limit")]
    [InlineData("CHATHISTORY TARGETS msgid=abc timestamp=2026-11-25T12:00:00.000Z 10", "FAIL CHATHISTORY INVALID_PARAMS TARGETS msgid=abc :Invalid timestamp")]
    [InlineData("CHATHISTORY LATEST #elsewhere * 10", "FAIL CHATHISTORY INVALID_TARGET LATEST #elsewhere :Messages could not be retrieved")]
    [InlineData("CHATHISTORY LATEST 9nick * 10", "FAIL CHATHISTORY INVALID_TARGET LATEST 9nick :Messages could not be retrieved")]
    [InlineData("CHATHISTORY", "461 carol CHATHISTORY :Not enough parameters")]
    public async Task Bad_requests_get_the_spec_standard_reply_and_never_reach_the_history_service(string line, string reply)
    {
        var history = new CannedHistory();
        await using var connection = new TestConnection(CreateServer(TimeProvider.System, history: history));
        connection.Register("carol");
        connection.Send("JOIN #garden");
        await connection.ExpectAsync(l => Verb(l) == "366");

        await connection.SendAsync(line);

        Assert.Equal($":chatcloud.local {reply}", await connection.ExpectAsync(l => Verb(l) is "FAIL" or "461"));
        Assert.Empty(history.Queries);
    }

    [Fact]
    public async Task A_member_gets_the_messages_in_a_chathistory_batch_with_their_msgid_time_and_client_tags()
    {
        var history = new CannedHistory();
        history.Messages.Add(new HistoryMessage("m1", 1, Noon, null, "alice", "~alice", "10.0.0.1", "PRIVMSG", "hello", null));
        history.Messages.Add(new HistoryMessage("m2", 2, Noon.AddSeconds(1), null, "bob", "~bob", "10.0.0.2", "NOTICE", "hi there",
            new Dictionary<string, string> { ["+draft/reply"] = "m1" }));
        await using var connection = await MemberAsync(history, "message-tags batch server-time");

        await connection.SendAsync("CHATHISTORY LATEST #Garden * 50");

        Assert.Equal(":chatcloud.local BATCH +b1 chathistory #garden", await connection.ExpectAsync(l => Verb(l) == "BATCH"));
        Assert.Equal("@batch=b1;msgid=m1;time=2026-11-25T12:00:00.123Z :alice!~alice@10.0.0.1 PRIVMSG #garden hello", await Next(connection));
        Assert.Equal("@batch=b1;msgid=m2;time=2026-11-25T12:00:01.123Z;+draft/reply=m1 :bob!~bob@10.0.0.2 NOTICE #garden :hi there", await Next(connection));
        Assert.Equal(":chatcloud.local BATCH -b1", await Next(connection));
        Assert.Equal(new HistoryQuery("#garden", "latest", "*", null, 50), Assert.Single(history.Queries));
    }

    [Fact]
    public async Task A_signed_in_members_room_read_names_their_account_so_the_history_service_counts_the_open_as_theirs()
    {
        var history = new CannedHistory();
        await using var connection = await MemberAsync(history, "batch");
        var account = new ChatCloud.TcpEdge.Accounts.AccountIdentity(Guid.NewGuid(), "alice");
        connection.Session.Account = account;

        await connection.SendAsync("CHATHISTORY LATEST #garden * 50");
        await connection.ExpectAsync(l => Verb(l) == "BATCH" && l.Contains('-', StringComparison.Ordinal));

        Assert.Equal(account.Id, Assert.Single(history.Queries).OnBehalfOf);
    }

    [Fact]
    public async Task Without_batch_or_message_tags_the_lines_come_bare()
    {
        var history = new CannedHistory();
        history.Messages.Add(new HistoryMessage("m1", 1, Noon, null, "alice", "~alice", "10.0.0.1", "PRIVMSG", "hello", new Dictionary<string, string> { ["+x"] = "y" }));
        await using var connection = await MemberAsync(history, caps: null);

        await connection.SendAsync("CHATHISTORY BEFORE #garden timestamp=2026-11-25T13:00:00.000Z 10");
        await connection.SendAsync("PING done");

        Assert.Equal(":alice!~alice@10.0.0.1 PRIVMSG #garden hello", await connection.ExpectAsync(l => Verb(l) is "PRIVMSG" or "BATCH"));
        Assert.Equal("PONG", Verb(await Next(connection)));
    }

    [Fact]
    public async Task Each_batch_of_a_connection_has_its_own_reference_tag()
    {
        await using var connection = await MemberAsync(new CannedHistory(), "batch");

        await connection.SendAsync("CHATHISTORY AFTER #garden msgid=m1 10");
        await connection.SendAsync("CHATHISTORY AROUND #garden msgid=m1 10");

        Assert.Equal(":chatcloud.local BATCH +b1 chathistory #garden", await connection.ExpectAsync(l => Verb(l) == "BATCH"));
        Assert.Equal(":chatcloud.local BATCH -b1", await Next(connection));
        Assert.Equal(":chatcloud.local BATCH +b2 chathistory #garden", await Next(connection));
        Assert.Equal(":chatcloud.local BATCH -b2", await Next(connection));
    }

    [Theory]
    [InlineData(HistoryOutcome.UnknownMessage, "FAIL CHATHISTORY INVALID_PARAMS AFTER :Unknown msgid")]
    [InlineData(HistoryOutcome.Unavailable, "FAIL CHATHISTORY MESSAGE_ERROR AFTER #garden :Messages could not be retrieved")]
    public async Task A_history_failure_is_a_standard_reply(HistoryOutcome outcome, string reply)
    {
        var history = new CannedHistory { Outcome = outcome };
        await using var connection = await MemberAsync(history, "batch");

        await connection.SendAsync("CHATHISTORY AFTER #garden msgid=gone 10");

        Assert.Equal($":chatcloud.local {reply}", await connection.ExpectAsync(l => Verb(l) is "FAIL" or "BATCH"));
    }

    [Fact]
    public async Task A_limit_above_the_advertised_maximum_is_cut_to_it_and_between_passes_both_references()
    {
        var history = new CannedHistory();
        await using var connection = await MemberAsync(history, "batch");

        await connection.SendAsync("CHATHISTORY BETWEEN #garden msgid=a timestamp=2026-11-25T12:00:00.000Z 5000");

        Assert.Equal(new HistoryQuery("#garden", "between", "msgid=a", "timestamp=2026-11-25T12:00:00.000Z", 100), Assert.Single(history.Queries));
    }

    [Fact]
    public async Task A_nick_target_reads_the_askers_conversation_with_each_line_as_it_was_delivered()
    {
        var history = new CannedHistory();
        history.Messages.Add(new HistoryMessage("m1", 1, Noon, null, "carol", "~carol", "10.0.0.1", "PRIVMSG", "hi bob", null, Target: "Bob"));
        history.Messages.Add(new HistoryMessage("m2", 2, Noon.AddSeconds(1), null, "Bob", "~bob", "10.0.0.2", "NOTICE", "hi carol", null, Target: "carol"));
        await using var connection = await MemberAsync(history, "batch message-tags");

        await connection.SendAsync("CHATHISTORY LATEST bob * 10");

        Assert.Equal(":chatcloud.local BATCH +b1 chathistory bob", await connection.ExpectAsync(l => Verb(l) == "BATCH"));
        Assert.Equal("@batch=b1;msgid=m1 :carol!~carol@10.0.0.1 PRIVMSG Bob :hi bob", await Next(connection));
        Assert.Equal("@batch=b1;msgid=m2 :Bob!~bob@10.0.0.2 NOTICE carol :hi carol", await Next(connection));
        Assert.Equal(":chatcloud.local BATCH -b1", await Next(connection));
        Assert.Equal(("n:carol", new HistoryQuery("bob", "latest", "*", null, 10)), Assert.Single(history.ConversationQueries));
        Assert.Empty(history.Queries);
    }

    [Fact]
    public async Task Targets_lists_rooms_and_conversations_together_oldest_first_within_the_limit()
    {
        var history = new CannedHistory();
        history.Targets.Add(new RoomActivity("#garden", Noon));
        history.ConversationTargets.Add(new RoomActivity("bob", Noon.AddMinutes(-1)));
        history.ConversationTargets.Add(new RoomActivity("dave", Noon.AddMinutes(1)));
        await using var connection = await MemberAsync(history, "batch");

        await connection.SendAsync("CHATHISTORY TARGETS timestamp=2026-11-26T00:00:00.000Z timestamp=2026-11-25T00:00:00Z 2");

        Assert.Equal(":chatcloud.local BATCH +b1 draft/chathistory-targets", await connection.ExpectAsync(l => Verb(l) == "BATCH"));
        // Read backwards from the later bound: the two latest, still listed oldest first.
        Assert.Equal("@batch=b1 :chatcloud.local CHATHISTORY TARGETS #garden 2026-11-25T12:00:00.123Z", await Next(connection));
        Assert.Equal("@batch=b1 :chatcloud.local CHATHISTORY TARGETS dave 2026-11-25T12:01:00.123Z", await Next(connection));
        Assert.Equal(":chatcloud.local BATCH -b1", await Next(connection));
        Assert.Equal(["n:carol", "timestamp=2026-11-26T00:00:00.000Z", "timestamp=2026-11-25T00:00:00Z"], Assert.Single(history.ConversationTargetQueries));
    }

    [Fact]
    public async Task Targets_lists_the_clients_rooms_in_a_chathistory_targets_batch()
    {
        var history = new CannedHistory();
        history.Targets.Add(new RoomActivity("#garden", Noon));
        await using var connection = await MemberAsync(history, "batch");

        await connection.SendAsync("CHATHISTORY TARGETS timestamp=2026-11-25T00:00:00.000Z timestamp=2026-11-26T00:00:00.000Z 10");

        Assert.Equal(":chatcloud.local BATCH +b1 draft/chathistory-targets", await connection.ExpectAsync(l => Verb(l) == "BATCH"));
        Assert.Equal("@batch=b1 :chatcloud.local CHATHISTORY TARGETS #garden 2026-11-25T12:00:00.123Z", await Next(connection));
        Assert.Equal(":chatcloud.local BATCH -b1", await Next(connection));
        Assert.Equal(["#garden", "timestamp=2026-11-25T00:00:00.000Z", "timestamp=2026-11-26T00:00:00.000Z"], Assert.Single(history.TargetQueries));
    }

    [Fact]
    public async Task ISUPPORT_advertises_the_history_limit_and_reference_types()
    {
        await using var connection = new TestConnection();
        connection.Register("dana");

        var support = await connection.ExpectAsync(line => Verb(line) == "005");

        Assert.Contains(" CHATHISTORY=100 ", support, StringComparison.Ordinal);
        Assert.Contains(" MSGREFTYPES=timestamp,msgid ", support, StringComparison.Ordinal);
    }

    private static async Task<TestConnection> MemberAsync(CannedHistory history, string? caps)
    {
        var connection = new TestConnection(CreateServer(TimeProvider.System, history: history));
        if (caps is not null)
        {
            connection.Send($"CAP REQ :{caps}");
            connection.Send("CAP END");
        }
        connection.Register("carol");
        connection.Send("JOIN #garden");
        await connection.ExpectAsync(l => Verb(l) == "366");
        return connection;
    }

    private static Task<string> Next(TestConnection connection) => connection.ExpectAsync(_ => true);
}
