using ChatCloud.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatCloud.EndToEnd.Tests;

/// <summary>
/// The signed-in web app as a person uses it, found by roles and accessible names as
/// web/src/features/auth and web/src/features/chat render them; the sign-in form is auth's own page
/// (services/ChatCloud.Auth/OpenId/SignInHtml.cs), reached through the gateway.
/// </summary>
public sealed class ChatApp(IPage page)
{
    public IPage Page => page;

    public ILocator Conversations => page.GetByRole(AriaRole.Navigation, new() { Name = "Conversations", Exact = true });

    public ILocator Members => page.GetByRole(AriaRole.Complementary, new() { Name = "Members", Exact = true });

    public ILocator Composer => page.GetByRole(AriaRole.Textbox, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Message ") });

    /// <summary>The timeline of the open conversation (role log).</summary>
    public ILocator Log => page.GetByRole(AriaRole.Log);

    public ILocator Connection => page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^(Connect|Reconnect|Disconnect)") });

    /// <summary>Creates the account on the sign-up page, then signs in through the OpenID Connect code flow.</summary>
    public static async Task<ChatApp> SignUpAndSignInAsync(IPage page, Uri gateway, string name, string password, CancellationToken cancellationToken)
    {
        await page.GotoAsync(new Uri(gateway, "/signup").ToString()).WaitAsync(Deadlines.Request, cancellationToken);
        await page.GetByLabel("Account name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Password again", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Welcome, {name}" })).ToBeVisibleAsync();
        return await SignInHereAsync(page, name, password);
    }

    /// <summary>Signs in an existing account from the home page (the first administrator, say).</summary>
    public static async Task<ChatApp> SignInAsync(IPage page, Uri gateway, string name, string password, CancellationToken cancellationToken)
    {
        await page.GotoAsync(gateway.ToString()).WaitAsync(Deadlines.Request, cancellationToken);
        return await SignInHereAsync(page, name, password);
    }

    /// <summary>From a page with the app's Sign in button: auth's sign-in page, a plain form (no script), then back to /auth/callback and the app.</summary>
    private static async Task<ChatApp> SignInHereAsync(IPage page, string name, string password)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/signin", StringComparison.Ordinal));
        await page.GetByLabel("Account name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        var app = new ChatApp(page);
        await Expect(app.Connection).ToHaveTextAsync("Connected", new() { Timeout = (float)Deadlines.Request.TotalMilliseconds });
        return app;
    }

    /// <summary>Through the room browser: a new name creates the room, an existing one is joined.</summary>
    public async Task CreateRoomAsync(string room)
    {
        await OpenRoomBrowserAsync();
        await page.GetByLabel("Find or create a room").FillAsync(room);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await ExpectRoomOpenAsync(room);
    }

    public async Task JoinRoomAsync(string room)
    {
        await AskToJoinAsync(room);
        await ExpectRoomOpenAsync(room);
    }

    /// <summary>Asks to join from the room browser and leaves the dialog open (the join may be refused).</summary>
    public async Task TryJoinRoomAsync(string room)
    {
        await AskToJoinAsync(room);
    }

    /// <summary>The room browser's Join, not the suggestions panel's (which may offer the same room behind the dialog).</summary>
    private async Task AskToJoinAsync(string room)
    {
        await OpenRoomBrowserAsync();
        var browser = page.GetByRole(AriaRole.Dialog, new() { Name = "Rooms" });
        await browser.GetByLabel("Find or create a room").FillAsync(room);
        await browser.GetByRole(AriaRole.Button, new() { Name = $"Join {room}", Exact = true }).ClickAsync();
    }

    /// <summary>The open room's settings dialog (modes, key, limit, bans, invite).</summary>
    public async Task<ILocator> OpenRoomSettingsAsync(string room)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Settings", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"{room} settings" });
        await Expect(dialog).ToBeVisibleAsync();
        return dialog;
    }

    /// <summary>A member's dialog, opened from the open room's member list.</summary>
    public async Task<ILocator> OpenMemberAsync(string nick)
    {
        await Members.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex($"^{nick}, ") }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = nick, Exact = true });
        await Expect(dialog).ToBeVisibleAsync();
        return dialog;
    }

    public async Task SendAsync(string text)
    {
        await Composer.FillAsync(text);
        await Composer.PressAsync("Enter");
    }

    /// <summary>The message is in the timeline and stored (no longer "Sending…").</summary>
    public async Task ExpectMessageAsync(string text)
    {
        var line = Log.GetByText(text, new() { Exact = true });
        await Expect(line).ToBeVisibleAsync(new() { Timeout = (float)Deadlines.Request.TotalMilliseconds });
        await Expect(Log.GetByText("Sending…")).ToHaveCountAsync(0, new() { Timeout = (float)Deadlines.Request.TotalMilliseconds });
    }

    private async Task OpenRoomBrowserAsync()
    {
        var browse = page.GetByRole(AriaRole.Button, new() { Name = "Browse or create rooms" }).First;
        if (!await browse.IsVisibleAsync())
        {
            // A phone: the conversation list is a drawer behind the menu button.
            await page.GetByRole(AriaRole.Button, new() { Name = "Rooms and conversations", Exact = true }).ClickAsync();
        }
        await browse.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Rooms" })).ToBeVisibleAsync();
    }

    private async Task ExpectRoomOpenAsync(string room)
    {
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = room, Level = 1, Exact = true })).ToBeVisibleAsync();
    }
}
