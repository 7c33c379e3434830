using System.Text.Json;
using ChatCloud.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ChatCloud.EndToEnd.Tests;

/// <summary>
/// Issue 7's admin pages in a real browser through the gateway: the first administrator sees the
/// activity charts, filters by date, exports CSV and manages accounts (the 409 guard shown as a
/// message); a normal user is refused and never offered the link.
/// </summary>
public sealed class AdminPagesTests(ChatCloudSuite suite, ChromiumSession chromium) : IClassFixture<ChromiumSession>
{
    private const string Password = "correct horse battery";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string AdministratorPassword()
    {
        using var secrets = JsonDocument.Parse(File.ReadAllText(Path.Combine(suite.StateDirectory, "secrets.json")));
        return secrets.RootElement.GetProperty("admin-password").GetString()!;
    }

    [Fact]
    public async Task An_administrator_sees_activity_charts_exports_csv_and_manages_accounts_while_a_user_is_refused()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var userName = "norm" + suffix;
        await using var user = await chromium.OpenPageAsync("admin-refused-user");
        var userApp = await ChatApp.SignUpAndSignInAsync(user.Page, suite.GatewayAddress, userName, Password, Cancellation);
        await userApp.CreateRoomAsync("#adm" + suffix);
        await userApp.SendAsync("a message for the charts");
        await userApp.ExpectMessageAsync("a message for the charts");

        // A normal user: no link to the admin pages, and the page itself refuses.
        await Expect(user.Page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);
        await user.Page.GotoAsync(new Uri(suite.GatewayAddress, "/admin").ToString());
        await Expect(user.Page.GetByRole(AriaRole.Heading, new() { Name = "Administrators only" })).ToBeVisibleAsync();
        await Expect(user.Page.Locator(".recharts-wrapper > svg.recharts-surface")).ToHaveCountAsync(0);

        await using var admin = await chromium.OpenPageAsync("admin-activity");
        await ChatApp.SignInAsync(admin.Page, suite.GatewayAddress, "admin", AdministratorPassword(), Cancellation);
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Administration", Exact = true }).ClickAsync();
        await Expect(admin.Page.GetByRole(AriaRole.Heading, new() { Name = "Activity", Level = 1 })).ToBeVisibleAsync();
        var activity = admin.Page.GetByRole(AriaRole.Figure, new() { Name = "Active accounts and messages per day" });
        await Expect(activity.Locator(".recharts-wrapper > svg.recharts-surface")).ToBeVisibleAsync(new() { Timeout = (float)Deadlines.Request.TotalMilliseconds });
        // The activity charts, and the recommender's and connections' sections, whose reports the server has.
        foreach (var chart in new[] { "Active accounts and messages per day", "Sign-ins per day by kind", "Busiest rooms", "Messages per hour (UTC)" })
        {
            await Expect(admin.Page.GetByRole(AriaRole.Figure, new() { Name = chart }).Locator(".recharts-wrapper > svg.recharts-surface"))
                .ToBeVisibleAsync(new() { Timeout = (float)Deadlines.Request.TotalMilliseconds });
        }
        await Expect(admin.Page.GetByRole(AriaRole.Heading, new() { Name = "Recommendations", Level = 2 })).ToBeVisibleAsync();
        await Expect(admin.Page.GetByRole(AriaRole.Heading, new() { Name = "Connections and retention", Level = 2 })).ToBeVisibleAsync();
        await Expect(activity.Locator(".recharts-line-curve").First).ToBeVisibleAsync();

        // The date filter: the last 30 days, then the CSV of that range.
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Last 30 days" }).ClickAsync();
        var today = DateTime.UtcNow.Date;
        await Expect(admin.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "(UTC)" }))
            .ToHaveTextAsync($"{today.AddDays(-29):yyyy-MM-dd} to {today:yyyy-MM-dd} (UTC)");
        var download = await admin.Page.RunAndWaitForDownloadAsync(() =>
            admin.Page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        Assert.Equal($"chatcloud-activity-{today.AddDays(-29):yyyyMMdd}-{today:yyyyMMdd}.csv", download.SuggestedFilename);
        var csv = await File.ReadAllLinesAsync(await download.PathAsync(), Cancellation);
        Assert.StartsWith("day,active_accounts,messages", csv[0], StringComparison.Ordinal);
        Assert.Equal(31, csv.Length); // the header and 30 days
        var axe = await admin.Page.RunAxe();
        Assert.Empty(axe.Violations.Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{violation.Id}: {violation.Help} at {string.Join(", ", violation.Nodes.Select(node => node.Target))}"));
        await admin.SaveScreenshotAsync("admin-activity-desktop");

        // Accounts: make the new user an administrator; disabling oneself is refused with the reason.
        await admin.Page.GetByRole(AriaRole.Navigation, new() { Name = "Administration" }).GetByRole(AriaRole.Link, new() { Name = "Accounts" }).ClickAsync();
        var row = admin.Page.GetByRole(AriaRole.Row).Filter(new() { Has = admin.Page.GetByRole(AriaRole.Rowheader, new() { Name = userName }) });
        var more = admin.Page.GetByRole(AriaRole.Button, new() { Name = "Load more accounts" });
        await Expect(admin.Page.GetByRole(AriaRole.Rowheader).First).ToBeVisibleAsync();
        while (await row.CountAsync() == 0 && await more.IsVisibleAsync())
        {
            await more.ClickAsync();
        }
        await row.GetByRole(AriaRole.Button, new() { Name = $"Make admin {userName}" }).ClickAsync();
        await Expect(admin.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{userName} is an administrator now" })).ToBeVisibleAsync();
        await Expect(row.GetByRole(AriaRole.Cell, new() { Name = "user, admin" })).ToBeVisibleAsync();
        var me = admin.Page.GetByRole(AriaRole.Row).Filter(new() { Has = admin.Page.GetByRole(AriaRole.Rowheader, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^admin\b.*\(you\)$") }) });
        await me.GetByRole(AriaRole.Button, new() { Name = "Disable admin", Exact = true }).ClickAsync();
        await Expect(admin.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("You cannot disable your own account. Ask another administrator.");

        // The promoted user's next token carries the role: after signing in again the pages open.
        await user.Page.GotoAsync(suite.GatewayAddress.ToString());
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(user.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await ChatApp.SignInAsync(user.Page, suite.GatewayAddress, userName, Password, Cancellation);
        await user.Page.GetByRole(AriaRole.Link, new() { Name = "Administration", Exact = true }).ClickAsync();
        await Expect(user.Page.GetByRole(AriaRole.Heading, new() { Name = "Activity", Level = 1 })).ToBeVisibleAsync();

        // Only the 409 the test provoked, and the refused user's nothing else, went wrong.
        Assert.Equal([$"HTTP 409: POST"], admin.Problems.Where(problem => problem.StartsWith("HTTP", StringComparison.Ordinal))
            .Select(problem => problem[..problem.IndexOf(" http", StringComparison.Ordinal)]));
        Assert.Empty(user.Problems);
    }

    [Fact]
    public async Task The_activity_page_is_usable_on_a_phone()
    {
        await using var phone = await chromium.OpenPageAsync("admin-phone", new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        await ChatApp.SignInAsync(phone.Page, suite.GatewayAddress, "admin", AdministratorPassword(), Cancellation);
        await phone.Page.GotoAsync(new Uri(suite.GatewayAddress, "/admin").ToString());

        await Expect(phone.Page.Locator(".recharts-wrapper > svg.recharts-surface").First).ToBeVisibleAsync(new() { Timeout = (float)Deadlines.Request.TotalMilliseconds });
        // Nothing wider than the screen: the charts and the filter wrap.
        var overflow = await phone.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow);
        await phone.SaveScreenshotAsync("admin-activity-phone");
        Assert.Empty(phone.Problems);
    }
}
