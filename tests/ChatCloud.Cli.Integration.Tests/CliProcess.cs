using System.Diagnostics;
using System.Text;
using ChatCloud.Testing;

namespace ChatCloud.Cli.Integration.Tests;

// `chatcloud` as a script runs it: its own process, its own config folder, output collected.
internal sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly DirectoryInfo _home;
    private readonly bool _ownsHome;

    private CliProcess(Process process, DirectoryInfo home, bool ownsHome)
    {
        _process = process;
        _home = home;
        _ownsHome = ownsHome;
    }

    public static string Dll => Path.Combine(RepositoryRoot.Path, "artifacts", "bin", "ChatCloud.Cli", "debug", "chatcloud.dll");

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public int Id => _process.Id;

    public static CliProcess Start(string? password, params string[] arguments) =>
        StartIn(Directory.CreateTempSubdirectory("chatcloud-cli-home-"), ownsHome: true, password, arguments);

    // In a home folder the test keeps, so that several runs share one configuration (a saved login).
    public static CliProcess StartIn(DirectoryInfo home, bool ownsHome, string? password, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Dll, .. arguments])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["HOME"] = home.FullName;
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(home.FullName, ".config");
        start.Environment.Remove("CHATCLOUD_PASSWORD");
        if (password is not null)
        {
            start.Environment["CHATCLOUD_PASSWORD"] = password;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("chatcloud did not start.");
        var cli = new CliProcess(process, home, ownsHome);
        process.OutputDataReceived += (_, e) => Append(cli._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(cli._stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string? password, string[] arguments, CancellationToken cancellationToken)
    {
        await using var cli = Start(password, arguments);
        int code = await cli.WaitForExitAsync(cancellationToken);
        return (code, cli.Stdout, cli.Stderr);
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(Deadlines.Request, cancellationToken);
        // The exit is seen before the last output lines are read: wait for the streams' end.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    // Waits until stdout holds `text`.
    public async Task<string> OutputShowsAsync(string text, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadlines.Request);
        while (!Stdout.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"chatcloud exited ({_process.ExitCode}) before printing '{text}'. stdout:\n{Stdout}\nstderr:\n{Stderr}");
            }

            await Task.Delay(100, deadline.Token);
        }

        return Stdout;
    }

    public async Task TerminateAsync()
    {
        using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await term.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_ownsHome)
        {
            _home.Delete(recursive: true);
        }
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }
}
