using ChatCloud.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ChatCloud.EndToEnd.Tests;

/// <summary>
/// Issue 7's "a recommendation shown in the web app can be followed": the panel shows rooms with
/// their reasons, one click joins the room, and a dismissed suggestion does not come back.
/// </summary>
public sealed class RecommendationsTests(ChatCloudSuite suite, ChromiumSession chromium) : IClassFixture<ChromiumSession>
{
    /// <summary>The first model trains when the service starts; the panel asks again every 30 s until it is there.</summary>
    private static readonly TimeSpan ModelReadyWithin = TimeSpan.FromMinutes(4);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_suggested_room_is_joined_in_one_click_and_a_dismissed_one_never_comes_back()
    {
        var name = "rec" + Guid.NewGuid().ToString("N")[..6];
        await using var browser = await chromium.OpenPageAsync("recommendations-desktop");
        var app = await ChatApp.SignUpAndSignInAsync(browser.Page, suite.GatewayAddress, name, "correct horse battery", Cancellation);

        var panel = browser.Page.GetByRole(AriaRole.Region, new() { Name = "Suggested for you" });
        var rooms = panel.GetByRole(AriaRole.List, new() { Name = "Rooms", Exact = true });
        var joinButtons = rooms.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Join ") });
        await Expect(joinButtons.First).ToBeVisibleAsync(new() { Timeout = (float)ModelReadyWithin.TotalMilliseconds });
        var suggestion = rooms.GetByRole(AriaRole.Listitem).First;
        await Expect(suggestion.Locator(".suggestion-reason")).Not.ToBeEmptyAsync();

        // Dismiss the first, join the next: the joined room opens, the dismissed one stays away after a reload.
        var dismissed = (await suggestion.Locator(".suggestion-name").TextContentAsync())!;
        await suggestion.GetByRole(AriaRole.Button, new() { Name = $"Dismiss {dismissed}: never suggest it again" }).ClickAsync();
        await Expect(rooms.GetByText(dismissed, new() { Exact = true })).ToHaveCountAsync(0);
        var next = (await rooms.GetByRole(AriaRole.Listitem).First.Locator(".suggestion-name").TextContentAsync())!;
        await rooms.GetByRole(AriaRole.Button, new() { Name = $"Join {next}", Exact = true }).ClickAsync();
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = next, Level = 1, Exact = true })).ToBeVisibleAsync();
        await Expect(app.Conversations.GetByRole(AriaRole.Button, new() { Name = next })).ToBeVisibleAsync();
        await Expect(rooms.GetByText(next, new() { Exact = true })).ToHaveCountAsync(0);

        var axe = await browser.Page.RunAxe();
        Assert.Empty(axe.Violations.Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{violation.Id}: {violation.Help} at {string.Join(", ", violation.Nodes.Select(node => node.Target))}"));
        await browser.SaveScreenshotAsync("recommendations-desktop");

        await browser.Page.ReloadAsync();
        await Expect(app.Connection).ToHaveTextAsync("Connected", new() { Timeout = (float)Deadlines.Request.TotalMilliseconds });
        await Expect(joinButtons.First).ToBeVisibleAsync(new() { Timeout = (float)ModelReadyWithin.TotalMilliseconds });
        await Expect(rooms.GetByText(dismissed, new() { Exact = true })).ToHaveCountAsync(0);
        Assert.Empty(browser.Problems);
    }

    [Fact]
    public async Task On_a_phone_the_suggestions_are_in_the_conversations_drawer()
    {
        var name = "recp" + Guid.NewGuid().ToString("N")[..6];
        await using var phone = await chromium.OpenPageAsync("recommendations-phone", new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        await ChatApp.SignUpAndSignInAsync(phone.Page, suite.GatewayAddress, name, "correct horse battery", Cancellation);

        var panel = phone.Page.GetByRole(AriaRole.Region, new() { Name = "Suggested for you" });
        await Expect(panel).Not.ToBeVisibleAsync();
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "Rooms and conversations", Exact = true }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Join ") }).First)
            .ToBeVisibleAsync(new() { Timeout = (float)ModelReadyWithin.TotalMilliseconds });
        await phone.SaveScreenshotAsync("recommendations-phone");
        Assert.Empty(phone.Problems);
    }
}
