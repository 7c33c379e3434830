using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Playwright;
using Xunit;

namespace ChatCloud.EndToEnd.Tests;

/// <summary>
/// A page in its own browser context. It records console errors, uncaught exceptions and failed requests
/// as they happen, and on disposal leaves a screenshot in artifacts/test-results/e2e, passed or failed.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly string _name;
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _problems = new();

    public BrowserPage(string name, IBrowserContext context, IPage page)
    {
        _name = name;
        _context = context;
        Page = page;
        // Playwright raises these on its own connection thread, hence the concurrent queue.
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _problems.Enqueue($"console error at {message.Location}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _problems.Enqueue($"uncaught exception: {error}");
        page.RequestFailed += (_, request) => _problems.Enqueue($"request failed: {request.Method} {request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                _problems.Enqueue($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Everything that went wrong in the page so far, in order.</summary>
    public IReadOnlyList<string> Problems => [.. _problems];

    public static string ScreenshotDirectory { get; } = Path.Combine(ArtifactsPath(), "test-results", "e2e");

    /// <summary>A screenshot of the page as it is now, beside the one taken on disposal.</summary>
    public async Task SaveScreenshotAsync(string suffix)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{suffix}.png"), FullPage = true, Timeout = 10_000 });
    }

    public async ValueTask DisposeAsync()
    {
        var path = Path.Combine(ScreenshotDirectory, $"{_name}.png");
        try
        {
            Directory.CreateDirectory(ScreenshotDirectory);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Timeout = 10_000 });
        }
        catch (PlaywrightException exception)
        {
            // A test that failed because the browser went away must report that failure, not this one.
            TestContext.Current.TestOutputHelper?.WriteLine($"No screenshot {path}: {exception.Message}");
        }
        await _context.CloseAsync();
    }

    /// <summary>The repository's artifacts folder, baked in at build time so the path holds wherever the clone is.</summary>
    private static string ArtifactsPath() =>
        typeof(BrowserPage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "ChatCloud.ArtifactsPath")?.Value
        ?? throw new InvalidOperationException("The test assembly lacks its ChatCloud.ArtifactsPath metadata.");
}
