using System.Text.RegularExpressions;
using ChatCloud.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ChatCloud.EndToEnd.Tests;

/// <summary>
/// Direct messages in the web app: started from a room's member list, counted as unread on the other
/// side, read there, and after a reload (another device, as far as the app knows) listed again from
/// the history service with the read position kept by the server (no badge).
/// </summary>
public sealed class DirectMessageTests(ChatCloudSuite suite, ChromiumSession chromium) : IClassFixture<ChromiumSession>
{
    private const string Password = "correct horse battery";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_direct_message_from_the_member_list_is_unread_then_read_and_kept_across_a_reload()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var room = "#dm" + suffix;
        var aliceName = "alice" + suffix;
        var bobName = "bob" + suffix;
        await using var alice = await chromium.OpenPageAsync("direct-sender");
        await using var bob = await chromium.OpenPageAsync("direct-recipient");
        var aliceApp = await ChatApp.SignUpAndSignInAsync(alice.Page, suite.GatewayAddress, aliceName, Password, Cancellation);
        await aliceApp.CreateRoomAsync(room);
        var bobApp = await ChatApp.SignUpAndSignInAsync(bob.Page, suite.GatewayAddress, bobName, Password, Cancellation);
        await bobApp.JoinRoomAsync(room);

        var member = await aliceApp.OpenMemberAsync(bobName);
        await member.GetByRole(AriaRole.Button, new() { Name = "Send a direct message" }).ClickAsync();
        await Expect(alice.Page.GetByRole(AriaRole.Heading, new() { Name = bobName, Level = 1, Exact = true })).ToBeVisibleAsync();
        await aliceApp.SendAsync("psst, just between us");
        await aliceApp.ExpectMessageAsync("psst, just between us");

        // Bob is in the room; the conversation appears with its badge (every direct message counts as a mention).
        var fromAlice = bobApp.Conversations.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{aliceName}") });
        await Expect(fromAlice.GetByLabel("1 mentions")).ToBeVisibleAsync(new() { Timeout = (float)Deadlines.Request.TotalMilliseconds });
        await fromAlice.ClickAsync();
        await bobApp.ExpectMessageAsync("psst, just between us");
        await bobApp.SendAsync("got it");
        await aliceApp.ExpectMessageAsync("got it");

        // A reload knows nothing but what the servers keep: the conversation from history, read.
        await bob.Page.ReloadAsync();
        await Expect(bobApp.Connection).ToHaveTextAsync("Connected", new() { Timeout = (float)Deadlines.Request.TotalMilliseconds });
        await Expect(fromAlice).ToBeVisibleAsync(new() { Timeout = (float)Deadlines.Request.TotalMilliseconds });
        await Expect(fromAlice.Locator(".badge")).ToHaveCountAsync(0);
        await fromAlice.ClickAsync();
        await bobApp.ExpectMessageAsync("psst, just between us");
        await bobApp.ExpectMessageAsync("got it");
        await bob.SaveScreenshotAsync("direct-conversation");
        Assert.Empty(alice.Problems);
        Assert.Empty(bob.Problems);
    }
}
