using System.Text.RegularExpressions;
using ChatCloud.Testing;
using Microsoft.Playwright;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;
using static Microsoft.Playwright.Assertions;

namespace ChatCloud.EndToEnd.Tests;

/// <summary>
/// docs/web-realtime.md, <c>resync</c>: when the server has dropped events a tab was owed, it says
/// <c>resync</c> and the app fetches what it missed from history. A real tab cannot be made to stop
/// reading on cue, so Playwright stands between it and the hub: it holds back the server's frames
/// (the events are lost, as when the queue overflowed), then hands the page the hub's own
/// <c>resync</c> invocation. The connection itself stays up: the app must fill the gap without a reconnect.
/// </summary>
public sealed partial class ResyncTests(ChatCloudSuite suite, ChromiumSession chromium) : IClassFixture<ChromiumSession>
{
    /// <summary>A SignalR JSON-protocol invocation of the client method <c>resync</c>, record separator included.</summary>
    private const string ResyncFrame = "{\"type\":1,\"target\":\"resync\",\"arguments\":[{\"reason\":\"test\"}]}\u001e";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [GeneratedRegex("/api/messages/realtime")]
    private static partial Regex RealtimeEndpoint();

    [Fact]
    public async Task Events_the_tab_was_not_sent_show_once_after_resync_without_a_reconnect()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var room = "#rs" + suffix;
        await using var browser = await chromium.OpenPageAsync("chat-resync");
        var dropping = 0;
        IWebSocketRoute? page = null;
        await browser.Page.RouteWebSocketAsync(RealtimeEndpoint(), socket =>
        {
            var server = socket.ConnectToServer();
            server.OnMessage(frame =>
            {
                if (Volatile.Read(ref dropping) == 0 && frame.Text is { } text)
                {
                    socket.Send(text);
                }
            });
            Volatile.Write(ref page, socket);
        });
        await using var irc = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await irc.RegisterAsync("rsirc" + suffix, Cancellation);
        await irc.SendAsync($"JOIN {room}", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "366", Cancellation);
        var app = await ChatApp.SignUpAndSignInAsync(browser.Page, suite.GatewayAddress, "rs" + suffix, "correct horse battery", Cancellation);
        await app.JoinRoomAsync(room);
        await irc.SendAsync($"PRIVMSG {room} :before the drop", Cancellation);
        await app.ExpectMessageAsync("before the drop");

        Volatile.Write(ref dropping, 1);
        await irc.SendAsync($"PRIVMSG {room} :dropped one", Cancellation);
        await irc.SendAsync($"PRIVMSG {room} :dropped two", Cancellation);
        await irc.SendAsync($"PING :stored{suffix}", Cancellation);
        await irc.ExpectAsync(line => line.Contains($"stored{suffix}", StringComparison.Ordinal), Cancellation);
        // Long enough for the fan-out to have reached the (held back) socket.
        await Task.Delay(TimeSpan.FromSeconds(2), Cancellation);
        await Expect(app.Log.GetByText("dropped one", new() { Exact = true })).ToHaveCountAsync(0);
        Volatile.Write(ref dropping, 0);
        Volatile.Read(ref page)!.Send(ResyncFrame);

        await app.ExpectMessageAsync("dropped one");
        await app.ExpectMessageAsync("dropped two");
        await Expect(app.Connection).ToHaveTextAsync("Connected");
        await irc.SendAsync($"PRIVMSG {room} :after the resync", Cancellation);
        await app.ExpectMessageAsync("after the resync");
        foreach (var text in new[] { "before the drop", "dropped one", "dropped two", "after the resync" })
        {
            await Expect(app.Log.GetByText(text, new() { Exact = true }), $"\"{text}\" once").ToHaveCountAsync(1);
        }
        Assert.Empty(browser.Problems);
    }
}
