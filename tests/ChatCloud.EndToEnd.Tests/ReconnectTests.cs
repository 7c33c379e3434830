using System.Text.RegularExpressions;
using ChatCloud.Testing;
using Microsoft.Playwright;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;
using static Microsoft.Playwright.Assertions;

namespace ChatCloud.EndToEnd.Tests;

/// <summary>
/// docs/web-realtime.md, "No gap, no duplicate": the realtime WebSocket is cut (Playwright routes it
/// through itself and closes it), messages are said meanwhile, and after SignalR reconnects the app
/// shows each of them exactly once, fetched from history.
/// </summary>
public sealed partial class ReconnectTests(ChatCloudSuite suite, ChromiumSession chromium) : IClassFixture<ChromiumSession>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [GeneratedRegex("/api/messages/realtime")]
    private static partial Regex RealtimeEndpoint();

    [Fact]
    public async Task Messages_said_while_the_realtime_connection_is_cut_show_once_after_it_reconnects()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var room = "#cut" + suffix;
        await using var browser = await chromium.OpenPageAsync("chat-reconnect");
        var cut = 0;
        IWebSocketRoute? live = null;
        await browser.Page.RouteWebSocketAsync(RealtimeEndpoint(), socket =>
        {
            if (Volatile.Read(ref cut) == 1)
            {
                // Still cut: the reconnect attempt fails, SignalR tries again a little later.
                _ = socket.CloseAsync(new() { Code = 1011, Reason = "cut by the test" });
                return;
            }
            socket.ConnectToServer();
            Volatile.Write(ref live, socket);
        });
        await using var irc = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await irc.RegisterAsync("said" + suffix, Cancellation);
        await irc.SendAsync($"JOIN {room}", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "366", Cancellation);
        var app = await ChatApp.SignUpAndSignInAsync(browser.Page, suite.GatewayAddress, "cut" + suffix, "correct horse battery", Cancellation);
        await app.JoinRoomAsync(room);
        await irc.SendAsync($"PRIVMSG {room} :before the cut", Cancellation);
        await app.ExpectMessageAsync("before the cut");

        Volatile.Write(ref cut, 1);
        await Volatile.Read(ref live)!.CloseAsync(new() { Code = 1011, Reason = "cut by the test" });
        await Expect(app.Connection).ToHaveTextAsync("Reconnecting…");
        await irc.SendAsync($"PRIVMSG {room} :missed while cut", Cancellation);
        await irc.SendAsync($"PRIVMSG {room} :also missed", Cancellation);
        // The edge has taken both lines (its PONG comes after them) before the web tab may reconnect.
        await irc.SendAsync($"PING :stored{suffix}", Cancellation);
        await irc.ExpectAsync(line => line.Contains($"stored{suffix}", StringComparison.Ordinal), Cancellation);
        Volatile.Write(ref cut, 0);

        await Expect(app.Connection).ToHaveTextAsync("Connected", new() { Timeout = (float)Deadlines.Request.TotalMilliseconds });
        await app.ExpectMessageAsync("missed while cut");
        await app.ExpectMessageAsync("also missed");
        foreach (var text in new[] { "before the cut", "missed while cut", "also missed" })
        {
            await Expect(app.Log.GetByText(text, new() { Exact = true }), $"\"{text}\" once").ToHaveCountAsync(1);
        }
        Assert.Empty(browser.Problems);
    }
}
