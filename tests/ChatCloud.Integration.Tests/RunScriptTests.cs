using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChatCloud.Testing;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// The README's first command as a user meets it: ./run.sh starts the suite and says where it is,
/// refuses a second start on the same data, and on SIGTERM (as Ctrl-C) leaves no process behind.
/// </summary>
public sealed class RunScriptTests : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("chatcloud-runsh-");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_sh_starts_the_suite_refuses_a_second_start_and_stops_everything()
    {
        var ports = FreePorts.Take(11);
        var environment = Environment(ports);
        using var first = Start(environment);
        var output = new StringBuilder();

        var banner = await ReadUntilAsync(first, output, "ChatCloud is running").WaitAsync(Deadlines.Boot, Cancellation);
        using var http = new HttpClient();
        var status = await http.GetStringAsync(new Uri($"http://127.0.0.1:{ports[0]}/api/status"), Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        using var second = Start(environment);
        var secondOutput = await second.StandardError.ReadToEndAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        await second.WaitForExitAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);

        Signal(first, "TERM");
        await first.WaitForExitAsync(Cancellation).WaitAsync(Deadlines.Stop, Cancellation);
        var leftBehind = ProcessesMentioning(_state.FullName);

        Assert.Contains("ChatCloud is running", banner, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{ports[0]}", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("/login?t=", output.ToString(), StringComparison.Ordinal);
        Assert.Matches("Administrator +admin / [A-Za-z0-9]{32} ", output.ToString());
        Assert.Contains("\"status\":\"Healthy\"", status, StringComparison.Ordinal);
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("already running", secondOutput, StringComparison.Ordinal);
        Assert.Equal(0, first.ExitCode);
        Assert.Empty(leftBehind);
    }

    private Dictionary<string, string> Environment(int[] ports)
    {
        string Port(int index) => ports[index].ToString(CultureInfo.InvariantCulture);
        return new()
        {
            ["ChatCloud__StateDirectory"] = _state.FullName,
            // test.sh builds Debug only; the user's ./run.sh builds and runs Release.
            ["CHATCLOUD_CONFIGURATION"] = "Debug",
            ["ChatCloud__Ports__Gateway"] = Port(0),
            ["ChatCloud__Ports__Irc"] = Port(1),
            ["ChatCloud__Ports__IrcTls"] = Port(2),
            ["ChatCloud__Ports__Postgres"] = Port(3),
            ["ChatCloud__Ports__Redis"] = Port(4),
            ["ChatCloud__Ports__RabbitMq"] = Port(5),
            ["ChatCloud__Ports__RabbitMqDistribution"] = Port(6),
            ["ChatCloud__Ports__Epmd"] = Port(7),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port(8)}",
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{Port(9)}",
            ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{Port(10)}",
        };
    }

    private static Process Start(Dictionary<string, string> environment)
    {
        var startInfo = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "run.sh"), "--no-build"])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }
        return Process.Start(startInfo)!;
    }

    private static async Task<string> ReadUntilAsync(Process process, StringBuilder output, string marker)
    {
        while (await process.StandardOutput.ReadLineAsync(Cancellation) is { } line)
        {
            output.AppendLine(line);
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                // The rest of the banner follows within the same write.
                while (await process.StandardOutput.ReadLineAsync(Cancellation) is { } rest)
                {
                    output.AppendLine(rest);
                    if (rest.Contains("Ctrl-C stops everything", StringComparison.Ordinal))
                    {
                        break;
                    }
                }
                return line;
            }
        }
        throw new InvalidOperationException($"run.sh ended before '{marker}':{System.Environment.NewLine}{output}{await process.StandardError.ReadToEndAsync(Cancellation)}");
    }

    private static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>Processes whose command line or environment names the state folder: the suite's servers and services.</summary>
    private static List<string> ProcessesMentioning(string text)
    {
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                var environment = File.ReadAllText(Path.Combine(directory, "environ"));
                if (commandLine.Contains(text, StringComparison.Ordinal) || environment.Contains(text, StringComparison.Ordinal))
                {
                    found.Add($"{Path.GetFileName(directory)}: {commandLine}");
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }
        return found;
    }

    public void Dispose() => _state.Delete(recursive: true);
}
