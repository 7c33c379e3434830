using ChatCloud.Testing;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

[assembly: AssemblyFixture(typeof(ChatCloudSuite))]

namespace ChatCloud.EndToEnd.Tests;

/// <summary>The web app as a person meets it: through the gateway of a booted suite, in a real browser.</summary>
public sealed class HomePageTests(ChatCloudSuite suite, ChromiumSession chromium) : IClassFixture<ChromiumSession>
{
    /// <summary>Several of the panel's 10 s polls, with "Check now" pressed in between.</summary>
    private static readonly TimeSpan HealthyWithin = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Home_page_loads_through_the_gateway_without_console_errors()
    {
        await using var browser = await chromium.OpenPageAsync("home");

        var home = await HomePage.OpenAsync(browser.Page, suite.GatewayAddress, Cancellation);
        await Expect(home.Heading).ToBeVisibleAsync();
        await home.WaitUntilHealthyAsync(HealthyWithin, Cancellation);

        var count = ResourceNames.BackendServices.Count;
        await Expect(home.Status).ToContainTextAsync($"{count} of {count} services healthy.");
        await Expect(home.Services.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(count);
        foreach (var service in ResourceNames.BackendServices)
        {
            var row = home.ServiceRow(service);
            await Expect(row, $"{service} has its row").ToContainTextAsync(service);
            await Expect(row.GetByText("Healthy", new() { Exact = true }), $"{service} is shown healthy").ToBeVisibleAsync();
        }
        Assert.Empty(browser.Problems);
    }

    [Fact]
    public async Task Home_page_fits_a_phone_screen()
    {
        const int width = 360;
        await using var browser = await chromium.OpenPageAsync("home-phone", new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 740 },
            // A mobile viewport honours (or misses) the page's <meta name="viewport"> as a phone does.
            IsMobile = true,
            HasTouch = true,
        });

        var home = await HomePage.OpenAsync(browser.Page, suite.GatewayAddress, Cancellation);
        await Expect(home.Heading).ToBeInViewportAsync();
        // The service rows are the widest content; measure once they are there.
        await home.WaitUntilHealthyAsync(HealthyWithin, Cancellation);
        var scrollWidth = await browser.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.True(scrollWidth <= width, $"The page scrolls sideways on a {width} px wide screen: it is {scrollWidth} px wide.");
        await Expect(home.Heading).ToBeVisibleAsync();
        Assert.Empty(browser.Problems);
    }
}
