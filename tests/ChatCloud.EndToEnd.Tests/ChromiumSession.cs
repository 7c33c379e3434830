using ChatCloud.Testing;
using Microsoft.Playwright;
using Xunit;

namespace ChatCloud.EndToEnd.Tests;

/// <summary>
/// One headless Debian Chromium driven by Playwright, shared by the tests of a class. Playwright's own
/// browser builds are never installed: they are downloaded from a host this machine and CI cannot reach.
/// </summary>
public sealed class ChromiumSession : IAsyncLifetime
{
    public const string ExecutableVariable = "CHATCLOUD_CHROMIUM";
    private const string DefaultExecutable = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        // Without these Chromium calls home at start-up; the closed network refuses it and the errors reach the page's log.
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } path ? path : DefaultExecutable;
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException(
                $"No Chromium at {executable}: install Debian's (apt-get install chromium) or set {ExecutableVariable} to a Chromium executable.",
                executable);
        }
        // A page that is still rendering on a busy 2-core machine gets more than Playwright's 5 s default.
        Assertions.SetDefaultExpectTimeout(10_000);
        _playwright = await Playwright.CreateAsync().WaitAsync(Deadlines.Request);
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Arguments,
            Timeout = (float)Deadlines.Request.TotalMilliseconds,
        });
    }

    /// <summary>A page in a fresh context (no shared cookies or cache) that records what went wrong in it.</summary>
    public async Task<BrowserPage> OpenPageAsync(string name, BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(10_000);
        context.SetDefaultNavigationTimeout((float)Deadlines.Request.TotalMilliseconds);
        return new BrowserPage(name, context, await context.NewPageAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}
