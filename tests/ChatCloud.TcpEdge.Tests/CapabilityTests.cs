using ChatCloud.Contracts.Messages;
using ChatCloud.TcpEdge.Delivery;
using ChatCloud.TcpEdge.Server;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

public sealed class CapabilityTests
{
    [Fact]
    public async Task CAP_LS_offers_what_the_edge_implements_and_REQ_enables_it()
    {
        await using var connection = new TestConnection();

        connection.Send("CAP LS 302");
        var offered = await connection.ExpectAsync(line => Verb(line) == "CAP");
        connection.Send("CAP REQ :echo-message server-time");
        var acked = await connection.ExpectAsync(line => Verb(line) == "CAP");
        connection.Send("CAP REQ :-server-time");
        await connection.ExpectAsync(line => Verb(line) == "CAP");
        connection.Send("CAP LIST");
        var listed = await connection.ExpectAsync(line => Verb(line) == "CAP");

        Assert.Equal(":chatcloud.local CAP * LS :account-notify account-tag away-notify batch cap-notify chghost draft/account-registration=before-connect,custom-account-name draft/chathistory draft/event-playback draft/message-redaction draft/read-marker echo-message extended-join invite-notify labeled-response message-tags multi-prefix sasl=PLAIN,OAUTHBEARER server-time setname userhost-in-names", offered);
        Assert.Equal(":chatcloud.local CAP * ACK :echo-message server-time", acked);
        Assert.Equal(":chatcloud.local CAP * LIST :cap-notify echo-message", listed);
        Assert.Equal(Capabilities.EchoMessage | Capabilities.CapNotify, connection.Session.Capabilities);
    }

    [Fact]
    public async Task A_request_with_one_unknown_capability_changes_nothing()
    {
        await using var connection = new TestConnection();

        connection.Send("CAP REQ :server-time draft/multiline");

        Assert.Equal(":chatcloud.local CAP * NAK :server-time draft/multiline", await connection.ExpectAsync(_ => true));
        Assert.Equal(Capabilities.None, connection.Session.Capabilities);
    }

    [Fact]
    public async Task Stored_messages_carry_server_time_and_come_back_to_an_author_with_echo_message()
    {
        var publisher = new RecordingPublisher();
        var server = CreateServer(TimeProvider.System, publisher: publisher);
        await using var alice = new TestConnection(server);
        await using var bob = new TestConnection(server);
        alice.Send("CAP REQ :echo-message server-time");
        alice.Send("CAP END");
        alice.Register("alice");
        bob.Register("bob");
        alice.Send("JOIN #garden");
        bob.Send("JOIN #garden");
        await alice.SendAsync("PRIVMSG #garden :stored first");
        var post = (PostRequested)await publisher.SingleAsync();
        var time = new DateTimeOffset(2026, 11, 25, 17, 30, 1, 234, TimeSpan.FromHours(1));

        await new MessageStoredDelivery(server).HandleAsync(
            new MessageStored("01jdxyz", post.Id, post.Room, null, post.AuthorNick, post.AuthorUser, post.AuthorHost, post.Kind, post.Text, null, time, 1000),
            null!, CancellationToken.None);

        Assert.Equal($"@time=2026-11-25T16:30:01.234Z :alice!~alice@{TestConnection.GuestHost} PRIVMSG #garden :stored first",
            await alice.ExpectAsync(line => line.Contains("PRIVMSG", StringComparison.Ordinal)));
        Assert.Equal($":alice!~alice@{TestConnection.GuestHost} PRIVMSG #garden :stored first", await bob.ExpectAsync(line => Verb(line) == "PRIVMSG"));
    }

    [Fact]
    public async Task Extended_join_and_userhost_in_names_show_accounts_real_names_and_hosts_to_those_who_asked()
    {
        var server = CreateServer(TimeProvider.System);
        await using var watcher = new TestConnection(server);
        await using var plain = new TestConnection(server);
        await using var guest = new TestConnection(server);
        watcher.Send("CAP REQ :extended-join userhost-in-names");
        watcher.Send("CAP END");
        watcher.Register("watcher");
        plain.Register("plain");
        guest.Register("guest");
        watcher.Send("JOIN #hall");
        plain.Send("JOIN #hall");

        guest.Send("JOIN #hall");
        watcher.Send("NAMES #hall");

        Assert.Equal($":guest!~guest@{TestConnection.GuestHost} JOIN #hall * guest", await watcher.ExpectAsync(line => line.StartsWith(":guest!", StringComparison.Ordinal)));
        Assert.Equal($":guest!~guest@{TestConnection.GuestHost} JOIN #hall", await plain.ExpectAsync(line => line.StartsWith(":guest!", StringComparison.Ordinal)));
        Assert.Equal($":chatcloud.local 353 watcher = #hall :guest!~guest@{TestConnection.GuestHost} plain!~plain@{TestConnection.GuestHost} @watcher!~watcher@{TestConnection.GuestHost}",
            await watcher.ExpectAsync(line => Verb(line) == "353" && line.Contains("guest!", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Cap_ls_302_enables_cap_notify_by_itself()
    {
        await using var connection = new TestConnection();

        connection.Send("CAP LS 302");

        Assert.True(connection.Session.Has(Capabilities.CapNotify));
    }
}
