using System.Diagnostics;
using ChatCloud.Testing;

namespace ChatCloud.Cli.Integration.Tests;

// A 160×48 terminal in a detached tmux session: keys in with send-keys, the screen out with
// capture-pane, every wait bounded.
internal sealed class TmuxTerminal : IAsyncDisposable
{
    private readonly string _name = $"cc-{Guid.NewGuid():N}"[..15];

    public static async Task<TmuxTerminal> StartAsync(string command, CancellationToken cancellationToken)
    {
        var terminal = new TmuxTerminal();
        await RunAsync(cancellationToken, "new-session", "-d", "-s", terminal._name, "-x", "160", "-y", "48", command);
        return terminal;
    }

    public Task TypeAsync(string text, CancellationToken cancellationToken) =>
        RunAsync(cancellationToken, "send-keys", "-t", _name, "-l", text);

    public Task PressAsync(string key, CancellationToken cancellationToken) =>
        RunAsync(cancellationToken, "send-keys", "-t", _name, key);

    public async Task EnterAsync(string text, CancellationToken cancellationToken)
    {
        await TypeAsync(text, cancellationToken);
        await PressAsync("Enter", cancellationToken);
    }

    public Task<string> ScreenAsync(CancellationToken cancellationToken) =>
        RunAsync(cancellationToken, "capture-pane", "-p", "-t", _name);

    public async Task<string> ShowsAsync(string text, TimeSpan within, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        string screen = "";
        while (stopwatch.Elapsed < within)
        {
            screen = await ScreenAsync(cancellationToken);
            if (screen.Contains(text, StringComparison.Ordinal))
            {
                return screen;
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"The screen never showed '{text}' within {within}. Screen:{Environment.NewLine}{screen}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(CancellationToken.None, "kill-session", "-t", _name);
        }
        catch (InvalidOperationException)
        {
            // Already gone with the program it ran.
        }
    }

    private static async Task<string> RunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("tmux did not start.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).WaitAsync(Deadlines.Request, cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(Deadlines.Request, cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tmux {arguments[0]} failed: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
        }

        return output;
    }
}
