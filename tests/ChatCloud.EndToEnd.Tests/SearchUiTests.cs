using ChatCloud.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace ChatCloud.EndToEnd.Tests;

/// <summary>
/// Searching from the web app (web/src/features/chat/SearchDialog.tsx) through the gateway to the
/// history service's full-text search: in the open room and across the account's rooms, a result
/// opening its room.
/// </summary>
public sealed class SearchUiTests(ChatCloudSuite suite, ChromiumSession chromium) : IClassFixture<ChromiumSession>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_word_said_in_one_room_is_found_from_another_and_opens_its_room()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (first, second) = ("#sfa" + suffix, "#sfb" + suffix);
        var word = "walrus" + suffix;
        await using var browser = await chromium.OpenPageAsync("search");
        var app = await ChatApp.SignUpAndSignInAsync(browser.Page, suite.GatewayAddress, "seek" + suffix, "correct horse battery", Cancellation);
        await app.CreateRoomAsync(first);
        await app.SendAsync($"where is the {word}?");
        await app.ExpectMessageAsync($"where is the {word}?");
        await app.CreateRoomAsync(second);

        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Search messages" }).ClickAsync();
        var dialog = browser.Page.GetByRole(AriaRole.Dialog, new() { Name = "Search messages" });
        await dialog.GetByLabel("Words to find").FillAsync(word);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        // In the open room (the second) there is nothing; across all rooms, the first room's message.
        await Expect(dialog.GetByText("Nothing found.")).ToBeVisibleAsync(new() { Timeout = (float)Deadlines.Request.TotalMilliseconds });
        await dialog.GetByLabel("In all my rooms").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var results = dialog.GetByRole(AriaRole.List, new() { Name = "Search results" });
        await Expect(results).ToContainTextAsync($"where is the {word}?", new() { Timeout = (float)Deadlines.Request.TotalMilliseconds });
        await browser.SaveScreenshotAsync("search-results");
        await results.GetByRole(AriaRole.Button, new() { Name = $"seek{suffix} in {first}: open the room" }).ClickAsync();
        await Expect(browser.Page.GetByRole(AriaRole.Heading, new() { Name = first, Level = 1, Exact = true })).ToBeVisibleAsync();
        await app.ExpectMessageAsync($"where is the {word}?");
        Assert.Empty(browser.Problems);
    }
}
