using ChatCloud.Testing;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;
using static Microsoft.Playwright.Assertions;

namespace ChatCloud.EndToEnd.Tests;

/// <summary>
/// Issue 6's end-to-end paths in a real browser through the gateway: sign up, sign in (OIDC + PKCE),
/// create a room, chat with a second browser and with a terminal (IRC) user, on a desktop and a phone.
/// </summary>
public sealed class ChatTests(ChatCloudSuite suite, ChromiumSession chromium) : IClassFixture<ChromiumSession>
{
    private const string Password = "correct horse battery";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string Suffix() => Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task Two_browsers_sign_up_sign_in_and_chat_in_a_new_room()
    {
        var suffix = Suffix();
        var room = "#e2e" + suffix;
        await using var alice = await chromium.OpenPageAsync("chat-desktop");
        await using var bob = await chromium.OpenPageAsync("chat-second-browser");

        var aliceApp = await ChatApp.SignUpAndSignInAsync(alice.Page, suite.GatewayAddress, "alice" + suffix, Password, Cancellation);
        await aliceApp.CreateRoomAsync(room);
        var bobApp = await ChatApp.SignUpAndSignInAsync(bob.Page, suite.GatewayAddress, "bob" + suffix, Password, Cancellation);
        await bobApp.JoinRoomAsync(room);
        await Expect(aliceApp.Members.GetByText("bob" + suffix, new() { Exact = true })).ToBeVisibleAsync();

        await aliceApp.SendAsync("hello from alice, see https://example.org/page");
        await aliceApp.ExpectMessageAsync("hello from alice, see");
        await bobApp.ExpectMessageAsync("hello from alice, see");
        await Expect(bobApp.Log.GetByRole(AriaRole.Link, new() { Name = "https://example.org/page" })).ToHaveAttributeAsync("rel", "noopener noreferrer nofollow ugc");
        await bobApp.SendAsync("/me waves back");
        await aliceApp.ExpectMessageAsync("waves back");

        // Scrolled-back history: a new tab of alice's shows what was said before it opened.
        await alice.Page.ReloadAsync();
        await Expect(aliceApp.Connection).ToHaveTextAsync("Connected", new() { Timeout = (float)Deadlines.Request.TotalMilliseconds });
        await aliceApp.Conversations.GetByRole(AriaRole.Button, new() { Name = room }).ClickAsync();
        await aliceApp.ExpectMessageAsync("waves back");

        var axe = await alice.Page.RunAxe();
        var serious = axe.Violations.Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Select(node => node.Target))}").ToList();
        Assert.Empty(serious);
        await alice.SaveScreenshotAsync("chat-desktop-room");

        // Sign out everywhere ends bob's sessions; a plain sign-out asks alice for her password next time.
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere", Exact = true }).ClickAsync();
        await Expect(bob.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await alice.Page.WaitForURLAsync(url => url.Contains("/signin", StringComparison.Ordinal));
        await Expect(alice.Page.GetByLabel("Password")).ToBeVisibleAsync();
        Assert.Empty(alice.Problems);
        Assert.Empty(bob.Problems);
    }

    [Fact]
    public async Task A_terminal_user_and_a_web_user_on_a_phone_exchange_messages_both_ways()
    {
        var suffix = Suffix();
        var room = "#irc" + suffix;
        var webName = "phone" + suffix;
        await using var phone = await chromium.OpenPageAsync("chat-phone", new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        await using var irc = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await irc.RegisterAsync("term" + suffix, Cancellation);
        await irc.SendAsync($"JOIN {room}", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "366", Cancellation);

        var app = await ChatApp.SignUpAndSignInAsync(phone.Page, suite.GatewayAddress, webName, Password, Cancellation);
        await app.JoinRoomAsync(room);
        await irc.ExpectAsync(line => line.Contains($" JOIN {room}", StringComparison.Ordinal) && line.Contains(webName, StringComparison.Ordinal), Cancellation);

        await irc.SendAsync($"PRIVMSG {room} :hello from the terminal", Cancellation);
        await app.ExpectMessageAsync("hello from the terminal");
        await app.SendAsync("hello from the phone");
        var received = await irc.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal), Cancellation);
        await app.ExpectMessageAsync("hello from the phone");
        await phone.SaveScreenshotAsync("chat-phone-room");
        // The members drawer opens over the conversation and lists both.
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Members", Exact = true }).ClickAsync();
        await Expect(app.Members.GetByText("term" + suffix, new() { Exact = true })).ToBeVisibleAsync();
        await phone.SaveScreenshotAsync("chat-phone-members");

        // The web member is the account's name on IRC too (its user part is cut to the ident length).
        Assert.Contains($":{webName}!", received, StringComparison.Ordinal);
        Assert.EndsWith($"@web PRIVMSG {room} :hello from the phone", received, StringComparison.Ordinal);
        // The page fits the phone: nothing wider than the screen.
        var overflow = await phone.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than the phone");
        Assert.Empty(phone.Problems);
    }
}
