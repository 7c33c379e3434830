using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>TAGMSG through the bus: a typing notice reaches the room's members (or the nick) that asked for message-tags, and is not stored.</summary>
public sealed class TagmsgTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_typing_notice_reaches_members_with_message_tags_and_leaves_no_history()
    {
        var room = "#t" + Guid.NewGuid().ToString("N")[..12];
        var typistNick = "typ" + Guid.NewGuid().ToString("N")[..6]; // short enough to be its own user name (10 characters)
        await using var typist = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await using var watcher = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await typist.RegisterAsync(typistNick, Cancellation);
        await watcher.SendAsync("CAP LS 302", Cancellation);
        await watcher.SendAsync("CAP REQ :message-tags batch", Cancellation);
        await watcher.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal), Cancellation);
        await watcher.SendAsync("CAP END", Cancellation);
        await watcher.RegisterAsync("watcher" + Guid.NewGuid().ToString("N")[..6], Cancellation);
        await typist.SendAsync($"JOIN {room}", Cancellation);
        await typist.ExpectAsync(line => Verb(line) == "366", Cancellation);
        await watcher.SendAsync($"JOIN {room}", Cancellation);
        await watcher.ExpectAsync(line => Verb(line) == "366", Cancellation);

        await typist.SendAsync($"@+typing=active TAGMSG {room}", Cancellation);
        var relayed = await watcher.ExpectAsync(line => line.Contains(" TAGMSG ", StringComparison.Ordinal), Cancellation);
        await watcher.SendAsync($"CHATHISTORY LATEST {room} * 10", Cancellation);
        var start = await watcher.ExpectAsync(line => line.Contains(" BATCH +", StringComparison.Ordinal), Cancellation);
        var next = await watcher.ReadLineAsync(Cancellation);

        Assert.Equal($"@+typing=active :{typistNick}!~{typistNick}@user/{typistNick} TAGMSG {room}", relayed);
        Assert.Equal($":chatcloud.local BATCH -{start.Split(' ')[2][1..]}", next);
    }

    [Fact]
    public async Task A_reaction_to_a_direct_message_reaches_the_other_party_on_another_edge()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await using var secondEdge = await EdgeProcess.StartAsync(suite, Cancellation);
        await using var reactor = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await using var author = await ConnectAsync(secondEdge.IrcPort, cancellationToken: Cancellation);
        await reactor.RegisterAsync($"rea{tag}", Cancellation);
        await author.SendAsync("CAP LS 302", Cancellation);
        await author.SendAsync("CAP REQ :message-tags", Cancellation);
        await author.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal), Cancellation);
        await author.SendAsync("CAP END", Cancellation);
        await author.RegisterAsync($"aut{tag}", Cancellation);

        await reactor.SendAsync($"@+draft/react=🎉;+draft/reply=01abc TAGMSG aut{tag}", Cancellation);
        var relayed = await author.ExpectAsync(line => line.Contains(" TAGMSG ", StringComparison.Ordinal), Cancellation);
        await reactor.SendAsync($"@+typing=active TAGMSG nobody{tag}", Cancellation);
        var noSuchNick = await reactor.ExpectAsync(line => Verb(line) == "401", Cancellation);

        Assert.Equal($"@+draft/react=🎉;+draft/reply=01abc :rea{tag}!~rea{tag}@user/rea{tag} TAGMSG aut{tag}", relayed);
        Assert.Equal($":chatcloud.local 401 rea{tag} nobody{tag} :No such nick/channel", noSuchNick);
    }
}
