using ChatCloud.Contracts.History;
using ChatCloud.Contracts.Messages;
using ChatCloud.TcpEdge.Delivery;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>IRCv3 labeled-response: one line labeled, several in a labeled batch, none answered ACK.</summary>
public sealed class LabeledResponseTests
{
    private static TestConnection Labeled(Server.IrcServer? server = null, string caps = "labeled-response batch")
    {
        var connection = new TestConnection(server);
        connection.Send($"CAP REQ :{caps}");
        connection.Send("CAP END");
        return connection;
    }

    [Fact]
    public async Task A_one_line_answer_carries_the_label()
    {
        await using var client = Labeled();
        client.Register("alice");

        Assert.Equal(["@label=abc :chatcloud.local PONG chatcloud.local token"], await client.LinesOfAsync("@label=abc PING token"));
        Assert.Equal(["@label=x\\sy :chatcloud.local 421 alice FOO :Unknown command"], await client.LinesOfAsync("@label=x\\sy FOO"));
    }

    [Fact]
    public async Task A_longer_answer_is_a_labeled_response_batch()
    {
        await using var client = Labeled();
        client.Register("alice");
        await client.LinesOfAsync("MONITOR + bob");

        Assert.Equal(
        [
            "@label=L1 :chatcloud.local BATCH +b1 labeled-response",
            "@batch=b1 :chatcloud.local 732 alice bob",
            "@batch=b1 :chatcloud.local 733 alice :End of MONITOR list",
            ":chatcloud.local BATCH -b1",
        ], await client.LinesOfAsync("@label=L1 MONITOR L"));
    }

    [Fact]
    public async Task No_answer_is_acknowledged()
    {
        await using var client = Labeled();
        client.Register("alice");

        Assert.Equal(["@label=c1 :chatcloud.local ACK"], await client.LinesOfAsync("@label=c1 MONITOR C"));
        Assert.Equal(["@label=p1 :chatcloud.local ACK"], await client.LinesOfAsync("@label=p1 PONG :whatever"));
    }

    [Fact]
    public async Task A_chathistory_batch_nests_inside_the_labeled_batch()
    {
        var history = new CannedHistory();
        history.Messages.Add(new HistoryMessage("m1", 1, new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero), null, "bob", "~bob", "10.0.0.2", "PRIVMSG", "hello", null));
        await using var client = Labeled(CreateServer(TimeProvider.System, history: history));
        client.Register("alice");
        client.Send("JOIN #garden");

        var lines = await client.LinesOfAsync("@label=h CHATHISTORY LATEST #garden * 10");

        Assert.Equal(
        [
            "@label=h :chatcloud.local BATCH +b2 labeled-response",
            "@batch=b2 :chatcloud.local BATCH +b1 chathistory #garden",
            "@batch=b1 :bob!~bob@10.0.0.2 PRIVMSG #garden hello",
            "@batch=b2 :chatcloud.local BATCH -b1",
            ":chatcloud.local BATCH -b2",
        ], lines);
    }

    [Fact]
    public async Task A_room_message_is_acknowledged_without_echo_message_and_answered_by_its_labeled_echo_with_it()
    {
        var publisher = new RecordingPublisher();
        var server = CreateServer(TimeProvider.System, publisher: publisher);
        await using var plain = Labeled(server);
        await using var echoing = Labeled(server, "labeled-response batch echo-message");
        await using var reader = new TestConnection(server);
        plain.Register("plain");
        echoing.Register("echoing");
        reader.Register("reader");
        foreach (var member in new[] { plain, echoing, reader })
        {
            member.Send("JOIN #garden");
        }

        var acknowledged = await plain.LinesOfAsync("@label=m1 PRIVMSG #garden :hello");
        var answeredLater = await echoing.LinesOfAsync("@label=m2 PRIVMSG #garden :hi all");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (publisher.Published.Count < 2)
        {
            await Task.Delay(10, deadline.Token);
        }
        var post = (PostRequested)publisher.Published.Last();
        await new MessageStoredDelivery(server).HandleAsync(
            new MessageStored("01jdxyz", post.Id, post.Room, null, post.AuthorNick, post.AuthorUser, post.AuthorHost, post.Kind, post.Text, null, DateTimeOffset.UtcNow, 1000),
            null!, CancellationToken.None);

        Assert.Equal(["@label=m1 :chatcloud.local ACK"], acknowledged);
        Assert.Equal([], answeredLater);
        Assert.Equal($"@label=m2 :echoing!~echoing@{TestConnection.GuestHost} PRIVMSG #garden :hi all", await echoing.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal)));
        Assert.Equal($":echoing!~echoing@{TestConnection.GuestHost} PRIVMSG #garden :hi all", await reader.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Quit_is_answered_by_a_labeled_error()
    {
        await using var client = Labeled();
        client.Register("alice");

        await client.SendAsync("@label=q QUIT :bye");

        Assert.Equal("@label=q ERROR :Closing Link: 127.0.0.1 (Quit: bye)", await client.ExpectAsync(line => line.Contains("ERROR", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("labeled-response batch", "@label=aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeeeeeeeeffffffffffgggggg PING t")]
    [InlineData("batch", "@label=abc PING t")]
    [InlineData("labeled-response", "@label=abc PING t")]
    [InlineData("labeled-response batch", "PING t")]
    public async Task Without_both_capabilities_or_a_label_of_at_most_64_bytes_the_answer_is_as_usual(string caps, string line)
    {
        await using var client = Labeled(caps: caps);
        client.Register("alice");

        Assert.Equal([":chatcloud.local PONG chatcloud.local t"], await client.LinesOfAsync(line));
    }
}
