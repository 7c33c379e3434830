using System.Net;
using System.Text.Json;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// The web's realtime edge on the booted suite (docs/web-realtime.md): a signed-in web user and a
/// terminal user share a room through the gateway, with one msgid and one order.
/// </summary>
public sealed class WebRealtimeTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A new account's access token from the code flow, as the web app gets one.</summary>
    private async Task<string> AccessTokenAsync(string name, string password) =>
        (await (await SignedInUser.CreateAsync(suite, name, password)).SignInAsync()).AccessToken;

    [Fact]
    public async Task A_web_user_and_a_terminal_user_chat_in_one_room()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var room = "#web" + suffix;
        var webName = "webu" + suffix;
        await using var web = await WebChatClient.ConnectAsync(suite.GatewayPort, await AccessTokenAsync(webName, "web user password"), Cancellation);
        await using var irc = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await irc.SendAsync("CAP LS 302", Cancellation);
        await irc.SendAsync("CAP REQ :message-tags echo-message", Cancellation);
        await irc.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal), Cancellation);
        await irc.RegisterAsync("ircu" + suffix, Cancellation);
        await irc.SendAsync($"JOIN {room}", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "366", Cancellation);

        var joined = await web.InvokeAsync<JsonElement>("Join", [room, null], Cancellation);
        var ircSeesJoin = await irc.ExpectAsync(line => line.Contains(" JOIN ", StringComparison.Ordinal), Cancellation);
        var sent = await web.InvokeAsync<JsonElement>("Send", [room, "hello from the browser", "local-1"], Cancellation);
        var ircSeesMessage = await irc.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal), Cancellation);
        var ownCopy = await web.ExpectAsync("message", m => m.GetProperty("localId").GetString() == "local-1", Cancellation);
        await irc.SendAsync($"PRIVMSG {room} :hello from the terminal", Cancellation);
        var ircEcho = await irc.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal), Cancellation);
        var webSeesReply = await web.ExpectAsync("message", m => m.GetProperty("text").GetString() == "hello from the terminal", Cancellation);
        var refused = await web.InvokeAsync<JsonElement>("Send", [$"#notjoined{suffix}", "hi", "local-2"], Cancellation);

        Assert.True(joined.GetProperty("ok").GetBoolean());
        Assert.Contains(joined.GetProperty("room").GetProperty("members").EnumerateArray(), m => m.GetProperty("nick").GetString() == $"ircu{suffix}");
        Assert.EndsWith($":{webName}!{webName}@web JOIN {room}", ircSeesJoin, StringComparison.Ordinal);
        Assert.True(sent.GetProperty("ok").GetBoolean());
        // One message, one msgid, for the terminal and the browser alike.
        var msgid = MsgidOf(ircSeesMessage);
        Assert.EndsWith($" :{webName}!{webName}@web PRIVMSG {room} :hello from the browser", ircSeesMessage, StringComparison.Ordinal);
        Assert.Equal(msgid, ownCopy.GetProperty("msgid").GetString());
        Assert.Equal((room, webName, "PRIVMSG"), (ownCopy.GetProperty("room").GetString(), ownCopy.GetProperty("nick").GetString(), ownCopy.GetProperty("kind").GetString()));
        // The terminal's message comes after the browser's in the room's one order.
        Assert.True(webSeesReply.GetProperty("sequence").GetInt64() > ownCopy.GetProperty("sequence").GetInt64());
        Assert.Contains(webSeesReply.GetProperty("msgid").GetString()!, ircEcho, StringComparison.Ordinal);
        Assert.Equal(("404", false), (refused.GetProperty("code").GetString(), refused.GetProperty("ok").GetBoolean()));
    }

    [Fact]
    public async Task Without_a_token_the_realtime_endpoint_refuses_the_connection()
    {
        var connect = () => WebChatClient.ConnectAsync(suite.GatewayPort, "not-a-token", Cancellation);

        var refused = await Assert.ThrowsAnyAsync<Exception>(connect);

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_everywhere_closes_the_web_tab_and_the_web_user_quits_its_rooms_at_once()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var room = "#wso" + suffix;
        var user = await SignedInUser.CreateAsync(suite, "wso" + suffix, "web user password");
        var (access, _) = await user.SignInAsync();
        await using var web = await WebChatClient.ConnectAsync(suite.GatewayPort, access, Cancellation);
        await using var irc = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await irc.RegisterAsync("wsoirc" + suffix, Cancellation);
        await irc.SendAsync($"JOIN {room}", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "366", Cancellation);
        await web.InvokeAsync<JsonElement>("Join", [room, null], Cancellation);
        await irc.ExpectAsync(line => line.Contains(" JOIN ", StringComparison.Ordinal), Cancellation);

        var (status, _, _) = await user.CallAsync(HttpMethod.Post, "/account/sign-out-everywhere", access);
        var quit = await irc.ExpectAsync(line => line.Contains(" QUIT ", StringComparison.Ordinal), Cancellation);
        await web.Closed.WaitAsync(Deadlines.Request, Cancellation);

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal($":wso{suffix}!wso{suffix}@web QUIT :Signed out", quit);
    }
}
