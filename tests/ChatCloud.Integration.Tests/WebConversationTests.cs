using System.Text.Json;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// The web realtime edge's person-to-person side (docs/web-realtime.md): direct messages, typing
/// notices and read positions, shared with IRC users and their MARKREAD, both ways.
/// </summary>
public sealed class WebConversationTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<WebChatClient> WebAsync(string name) =>
        await WebChatClient.ConnectAsync(suite.GatewayPort, (await (await SignedInUser.CreateAsync(suite, name, "web user password")).SignInAsync()).AccessToken, Cancellation);

    /// <summary>An IRC user with message-tags and echo-message, logged in to an account of its own nick.</summary>
    private async Task<IrcTestClient> IrcAsync(string nick)
    {
        var irc = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await irc.SendAsync("CAP LS 302", Cancellation);
        await irc.SendAsync("CAP REQ :message-tags echo-message", Cancellation);
        await irc.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal), Cancellation);
        await irc.RegisterAsync(nick, Cancellation);
        return irc;
    }

    [Fact]
    public async Task A_direct_message_from_the_web_reaches_an_irc_user_and_the_reply_comes_back_with_its_msgid()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (webName, ircNick) = ("wd" + suffix, "id" + suffix);
        await using var web = await WebAsync(webName);
        await using var irc = await IrcAsync(ircNick);

        var sent = await web.InvokeAsync<JsonElement>("Send", [ircNick, "hello in private", "dm-1"], Cancellation);
        var ircSees = await irc.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal), Cancellation);
        var ownCopy = await web.ExpectAsync("message", m => m.GetProperty("localId").GetString() == "dm-1", Cancellation);
        await irc.SendAsync($"PRIVMSG {webName} :hello back", Cancellation);
        var ircEcho = await irc.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal), Cancellation);
        var reply = await web.ExpectAsync("message", m => m.GetProperty("text").GetString() == "hello back", Cancellation);
        var nobody = await web.InvokeAsync<JsonElement>("Send", ["nobody" + suffix, "hi", "dm-2"], Cancellation);

        Assert.True(sent.GetProperty("ok").GetBoolean());
        Assert.EndsWith($" :{webName}!{webName}@web PRIVMSG {ircNick} :hello in private", ircSees, StringComparison.Ordinal);
        Assert.Equal(MsgidOf(ircSees), ownCopy.GetProperty("msgid").GetString());
        Assert.Equal((ircNick, true), (ownCopy.GetProperty("room").GetString(), ownCopy.GetProperty("direct").GetBoolean()));
        // The reply is filed under the IRC user's nick, with the msgid the IRC user's echo carried.
        Assert.Equal((ircNick, ircNick), (reply.GetProperty("room").GetString(), reply.GetProperty("nick").GetString()));
        Assert.Equal(MsgidOf(ircEcho), reply.GetProperty("msgid").GetString());
        Assert.True(reply.GetProperty("sequence").GetInt64() > ownCopy.GetProperty("sequence").GetInt64());
        Assert.Equal(("401", false), (nobody.GetProperty("code").GetString(), nobody.GetProperty("ok").GetBoolean()));
    }

    [Fact]
    public async Task Typing_in_a_room_and_in_private_reaches_irc_users_as_tagmsg_and_web_users_as_presence()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (room, webName, ircNick) = ("#wt" + suffix, "wt" + suffix, "it" + suffix);
        await using var web = await WebAsync(webName);
        await using var irc = await IrcAsync(ircNick);
        await irc.SendAsync($"JOIN {room}", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "366", Cancellation);
        await web.InvokeAsync<JsonElement>("Join", [room, null], Cancellation);
        await irc.ExpectAsync(line => line.Contains(" JOIN ", StringComparison.Ordinal), Cancellation);

        var typing = await web.InvokeAsync<JsonElement>("Typing", [room, "active"], Cancellation);
        var ircSeesRoom = await irc.ExpectAsync(line => line.Contains(" TAGMSG ", StringComparison.Ordinal), Cancellation);
        await web.InvokeAsync<JsonElement>("Typing", [ircNick, "done"], Cancellation);
        var ircSeesPrivate = await irc.ExpectAsync(line => line.Contains(" TAGMSG ", StringComparison.Ordinal), Cancellation);
        await irc.SendAsync($"@+typing=paused TAGMSG {room}", Cancellation);
        var webSeesRoom = await web.ExpectAsync("presence", p => p.GetProperty("kind").GetString() == "typing", Cancellation);
        await irc.SendAsync($"@+typing=active TAGMSG {webName}", Cancellation);
        var webSeesPrivate = await web.ExpectAsync("presence", p => p.GetProperty("kind").GetString() == "typing", Cancellation);
        var invalid = await web.InvokeAsync<JsonElement>("Typing", [room, "maybe"], Cancellation);

        Assert.True(typing.GetProperty("ok").GetBoolean());
        Assert.StartsWith("@+typing=active ", ircSeesRoom, StringComparison.Ordinal);
        Assert.EndsWith($" :{webName}!{webName}@web TAGMSG {room}", ircSeesRoom, StringComparison.Ordinal);
        Assert.StartsWith("@+typing=done ", ircSeesPrivate, StringComparison.Ordinal);
        Assert.EndsWith($" :{webName}!{webName}@web TAGMSG {ircNick}", ircSeesPrivate, StringComparison.Ordinal);
        Assert.Equal((room, ircNick, "paused"),
            (webSeesRoom.GetProperty("target").GetString(), webSeesRoom.GetProperty("nick").GetString(), webSeesRoom.GetProperty("state").GetString()));
        Assert.Equal((ircNick, ircNick, "active"),
            (webSeesPrivate.GetProperty("target").GetString(), webSeesPrivate.GetProperty("nick").GetString(), webSeesPrivate.GetProperty("state").GetString()));
        Assert.Equal("INVALID_PARAMS", invalid.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_read_position_set_on_the_web_reaches_markread_clients_of_the_account_and_back()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (room, account) = ("#wr" + suffix, "wr" + suffix);
        var user = await SignedInUser.CreateAsync(suite, account, "web user password");
        await using var web = await WebChatClient.ConnectAsync(suite.GatewayPort, (await user.SignInAsync()).AccessToken, Cancellation);
        await using var irc = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await irc.SendAsync("CAP LS 302", Cancellation);
        await irc.SendAsync("CAP REQ :draft/read-marker sasl", Cancellation);
        await irc.SendAsync($"NICK m{suffix}", Cancellation);
        await irc.SendAsync($"USER m{suffix} 0 * :phone", Cancellation);
        await irc.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal), Cancellation);
        await irc.LogInAsync(account, user.Password, Cancellation);
        await irc.SendAsync("CAP END", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "001", Cancellation);
        await web.InvokeAsync<JsonElement>("Join", [room, null], Cancellation);
        await web.InvokeAsync<JsonElement>("Send", [room, "read me", "r-1"], Cancellation);
        var message = await web.ExpectAsync("message", m => m.GetProperty("localId").GetString() == "r-1", Cancellation);

        var marked = await web.InvokeAsync<JsonElement>("MarkRead", [room, message.GetProperty("msgid").GetString()], Cancellation);
        var ircSees = await irc.ExpectAsync(line => Verb(line) == "MARKREAD", Cancellation);
        await irc.SendAsync($"MARKREAD {room} timestamp=2099-01-01T00:00:00.000Z", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "MARKREAD", Cancellation);
        var webSees = await web.ExpectAsync("read", r => r.GetProperty("target").GetString() == room, Cancellation);
        var asked = await web.InvokeAsync<JsonElement>("ReadMarker", [room], Cancellation);
        var unknown = await web.InvokeAsync<JsonElement>("MarkRead", [room, "0000000000000000000000000z"], Cancellation);

        var readAt = marked.GetProperty("readAt").GetDateTimeOffset();
        Assert.True(marked.GetProperty("ok").GetBoolean());
        Assert.Equal(message.GetProperty("time").GetDateTimeOffset(), readAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal($"MARKREAD {room} timestamp={readAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}", ircSees[(ircSees.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        // A position in the future is kept as now (the spec's note), so it moved forward but not to 2099.
        var pushed = webSees.GetProperty("readAt").GetDateTimeOffset();
        Assert.True(pushed > readAt && pushed.Year < 2099);
        Assert.Equal(pushed, asked.GetProperty("readAt").GetDateTimeOffset());
        Assert.Equal("UNKNOWN_MSGID", unknown.GetProperty("code").GetString());
    }
}
