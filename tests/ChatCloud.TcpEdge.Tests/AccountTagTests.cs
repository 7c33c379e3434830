using ChatCloud.Contracts.History;
using ChatCloud.Contracts.Messages;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>IRCv3 account-tag and account-notify.</summary>
public sealed class AccountTagTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public async Task A_logged_in_authors_message_carries_account_to_members_with_account_tag_only()
    {
        var publisher = new RecordingPublisher();
        var rooms = new InMemoryRoomAuthority();
        var server = CreateServer(TimeProvider.System, publisher: publisher, accounts: new FakeAccountService(), rooms: rooms);
        await using var opal = new TestConnection(server);
        await using var tagged = new TestConnection(server);
        await using var plain = new TestConnection(server);
        opal.Send("NICK opal");
        await opal.SendAsync("REGISTER * * opals-password");
        await opal.SendAsync("USER opal 0 * :Opal");
        tagged.Send("CAP REQ :account-tag");
        tagged.Send("CAP END");
        tagged.Register("tagged");
        plain.Register("plain");
        foreach (var connection in new[] { opal, tagged, plain })
        {
            await connection.SendAsync("JOIN #room");
        }
        await opal.SendAsync("PRIVMSG #room :hello");
        var post = (PostRequested)await publisher.SingleAsync();

        await rooms.StoreAsync(post, Noon);

        Assert.Equal("opal", post.AuthorAccount);
        Assert.Equal("@account=opal :opal!~opal@user/opal PRIVMSG #room hello", await tagged.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal)));
        Assert.Equal(":opal!~opal@user/opal PRIVMSG #room hello", await plain.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_guests_message_has_no_account_tag()
    {
        var publisher = new RecordingPublisher();
        var rooms = new InMemoryRoomAuthority();
        var server = CreateServer(TimeProvider.System, publisher: publisher, rooms: rooms);
        await using var guest = new TestConnection(server);
        await using var tagged = new TestConnection(server);
        guest.Register("guest");
        tagged.Send("CAP REQ :account-tag");
        tagged.Send("CAP END");
        tagged.Register("tagged");
        await guest.SendAsync("JOIN #room");
        await tagged.SendAsync("JOIN #room");
        await guest.SendAsync("PRIVMSG #room :hi");

        await rooms.StoreAsync((PostRequested)await publisher.SingleAsync(), Noon);

        Assert.Equal($":guest!~guest@{TestConnection.GuestHost} PRIVMSG #room hi", await tagged.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task History_lines_carry_the_account_after_msgid_and_time()
    {
        var history = new CannedHistory();
        history.Messages.Add(new HistoryMessage("m1", 1, Noon, null, "opal", "~opal", "10.0.0.1", "PRIVMSG", "hello",
            new Dictionary<string, string> { ["+draft/reply"] = "m0" }, AccountName: "opal"));
        history.Messages.Add(new HistoryMessage("m2", 2, Noon, null, "guest", "~guest", "10.0.0.2", "PRIVMSG", "hi", null));
        await using var reader = new TestConnection(CreateServer(TimeProvider.System, history: history));
        reader.Send("CAP REQ :batch message-tags server-time account-tag");
        reader.Send("CAP END");
        reader.Register("reader");
        await reader.SendAsync("JOIN #room");

        var lines = await reader.LinesOfAsync("CHATHISTORY LATEST #room * 10");

        Assert.Equal("@batch=b1;msgid=m1;time=2026-11-25T12:00:00.123Z;account=opal;+draft/reply=m0 :opal!~opal@10.0.0.1 PRIVMSG #room hello", lines[1]);
        Assert.Equal("@batch=b1;msgid=m2;time=2026-11-25T12:00:00.123Z :guest!~guest@10.0.0.2 PRIVMSG #room hi", lines[2]);
    }

    [Fact]
    public async Task Logging_in_after_registration_is_told_to_room_members_with_account_notify()
    {
        var server = CreateServer(TimeProvider.System, accounts: new FakeAccountService());
        await using var late = new TestConnection(server);
        await using var notified = new TestConnection(server);
        await using var plain = new TestConnection(server);
        await using var elsewhere = new TestConnection(server);
        late.Register("late");
        notified.Send("CAP REQ :account-notify");
        notified.Send("CAP END");
        notified.Register("notified");
        plain.Register("plain");
        elsewhere.Send("CAP REQ :account-notify");
        elsewhere.Send("CAP END");
        elsewhere.Register("elsewhere");
        await late.SendAsync("JOIN #room");
        await notified.SendAsync("JOIN #room");
        await plain.SendAsync("JOIN #room");
        await elsewhere.SendAsync("JOIN #other");

        await late.SendAsync("REGISTER * * lates-password");

        // After CHGHOST (HostCloakTests): the prefix already has the account's host.
        Assert.Equal(":late!~late@user/late ACCOUNT late", await notified.ExpectAsync(line => line.Contains(" ACCOUNT ", StringComparison.Ordinal)));
        Assert.DoesNotContain(await plain.LinesOfAsync("PING x"), line => line.Contains(" ACCOUNT ", StringComparison.Ordinal));
        Assert.DoesNotContain(await elsewhere.LinesOfAsync("PING x"), line => line.Contains(" ACCOUNT ", StringComparison.Ordinal));
    }
}
