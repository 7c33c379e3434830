using System.Diagnostics;
using ChatCloud.Testing;
using Microsoft.Playwright;
using Xunit;

namespace ChatCloud.EndToEnd.Tests;

/// <summary>
/// The web app's home page as a person (or a screen reader) finds it: by roles and accessible names,
/// as web/src/App.tsx and web/src/features/status/StatusPanel.tsx render them, never by CSS class.
/// </summary>
public sealed class HomePage(IPage page)
{
    /// <summary>The label the status panel shows for each service (SERVICE_LABELS in web/src/features/status/statusModel.ts).</summary>
    public static readonly IReadOnlyDictionary<string, string> ServiceLabels = new Dictionary<string, string>
    {
        [ResourceNames.Auth] = "Authentication",
        [ResourceNames.Messages] = "Messages",
        [ResourceNames.History] = "History",
        [ResourceNames.Recommendations] = "Recommendations",
        [ResourceNames.Analytics] = "Analytics",
        [ResourceNames.TcpEdge] = "IRC edge (TCP)",
    };

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "ChatCloud", Level = 1, Exact = true });

    /// <summary>The live region holding the overall state and the service list.</summary>
    public ILocator Status => page.GetByRole(AriaRole.Status);

    public ILocator AllSystemsOperational => Status.GetByText("All systems operational", new() { Exact = true });

    public ILocator Services => Status.GetByRole(AriaRole.List, new() { Name = "Services", Exact = true });

    public ILocator CheckNow => page.GetByRole(AriaRole.Button, new() { Name = "Check status now", Exact = true });

    /// <summary>The row of one service, found by the label a person reads.</summary>
    public ILocator ServiceRow(string service) =>
        Services.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByText(ServiceLabels[service], new() { Exact = true }) });

    public static async Task<HomePage> OpenAsync(IPage page, Uri address, CancellationToken cancellationToken)
    {
        var response = await page.GotoAsync(address.ToString()).WaitAsync(Deadlines.Request, cancellationToken);
        Assert.True(response is { Ok: true }, $"GET {address} answered {response?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}");
        return new HomePage(page);
    }

    /// <summary>
    /// Waits for the overall healthy state. The panel polls /api/status every 10 s; pressing "Check now"
    /// (disabled while a check is in flight) asks again at once instead of waiting for the next poll.
    /// </summary>
    public async Task WaitUntilHealthyAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await AllSystemsOperational.IsVisibleAsync())
        {
            if (elapsed.Elapsed > within)
            {
                Assert.Fail($"The status panel did not reach \"All systems operational\" within {within}; it shows:{Environment.NewLine}{await Status.InnerTextAsync()}");
            }
            if (await CheckNow.IsEnabledAsync())
            {
                await CheckNow.ClickAsync();
            }
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
