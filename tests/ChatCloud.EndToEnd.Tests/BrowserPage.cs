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
            if (message.Type == "error" && !IsExpected(message.Location, message.Text))
            {
                _problems.Enqueue($"console error at {message.Location}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _problems.Enqueue($"uncaught exception: {error}");
        page.RequestFailed += (_, request) => _problems.Enqueue($"request failed: {request.Method} {request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !IsExpectedAnswer(response.Url, response.Status))
            {
                _problems.Enqueue($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>
    /// Answers the app expects and handles, so they are no failure: the endpoints documented in
    /// docs/ml.md and docs/analytics.md before the server has them (<c>settings</c>,
    /// <c>next-rooms</c>, <c>accept</c>; the recommender and connection reports: 404 until they land,
    /// and the app hides or skips them), and the recommendations' 503 while the first model trains
    /// (the panel says so and asks again).
    /// </summary>
    private static readonly (string Path, int Status)[] ExpectedAnswers =
    [
        ("/api/recommendations/settings", 404),
        ("/api/recommendations/next-rooms", 404),
        ("/api/recommendations/accept", 404),
        ("/api/analytics/recommendations", 404),
        ("/api/analytics/connections", 404),
        ("/api/recommendations/rooms", 503),
        ("/api/recommendations/people", 503),
    ];

    private static bool IsExpectedAnswer(string url, int status) =>
        ExpectedAnswers.Any(answer => answer.Status == status && new Uri(url).AbsolutePath == answer.Path);

    /// <summary>Chromium logs every 4xx/5xx load as a console error naming the URL in its location.</summary>
    private static bool IsExpected(string location, string text) =>
        text.StartsWith("Failed to load resource", StringComparison.Ordinal)
        && ExpectedAnswers.Any(answer => location.Contains(answer.Path, StringComparison.Ordinal) && text.Contains($" {answer.Status} ", StringComparison.Ordinal));

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
        // The assertion's message cuts long entries; the whole of each is in the test's output.
        foreach (var problem in _problems)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{_name}: {problem}");
        }

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
