using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatCloud.Bench.Server;

// The server under test, seen through /proc: resident memory (VmRSS) and CPU time. Found by --server-pid
// or as the process listening on the target's port (`ss -ltnp`, which needs to see that process's
// sockets: run as the same user or as root).
public sealed partial class ServerProcess(int pid, string name)
{
    // USER_HZ, the unit of utime/stime in /proc/<pid>/stat: 100 on every Linux the bench targets.
    private const double ClockTicksPerSecond = 100;

    public int Pid { get; } = pid;

    public string Name { get; } = name;

    public static ServerProcess? FromPid(int pid)
    {
        string? comm = ReadFile($"/proc/{pid}/comm")?.Trim();
        return comm is null ? null : new ServerProcess(pid, comm);
    }

    public static async Task<(ServerProcess? Process, string? Note)> FindListenerAsync(int port, CancellationToken cancellationToken)
    {
        string output;
        try
        {
            output = await RunSsAsync(port, cancellationToken);
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException or TimeoutException)
        {
            return (null, "ss is not available (install iproute2, or pass --server-pid)");
        }

        var match = SsPid().Match(output);
        if (!match.Success)
        {
            return (null, $"no process found listening on port {port} with ss -ltnp (pass --server-pid)");
        }

        int pid = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        var process = FromPid(pid);
        return process is null ? (null, $"pid {pid} from ss has no /proc entry") : (process, null);
    }

    // The machine's 1-minute load average (/proc/loadavg), not this process's.
    public static double? ReadLoadAverage()
    {
        string? text = ReadFile("/proc/loadavg");
        return text is not null && double.TryParse(text.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double load) ? load : null;
    }

    public long? ReadRssKb()
    {
        string? status = ReadFile($"/proc/{Pid}/status");
        var match = status is null ? null : VmRss().Match(status);
        return match is { Success: true } ? long.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : null;
    }

    // utime + stime, fields 14 and 15 of /proc/<pid>/stat, counted after the ")" that ends the name.
    public TimeSpan? ReadCpuTime()
    {
        string? stat = ReadFile($"/proc/{Pid}/stat");
        int close = stat?.LastIndexOf(')') ?? -1;
        if (close < 0)
        {
            return null;
        }

        string[] fields = stat![(close + 2)..].Split(' ');
        if (fields.Length < 13
            || !long.TryParse(fields[11], CultureInfo.InvariantCulture, out long user)
            || !long.TryParse(fields[12], CultureInfo.InvariantCulture, out long system))
        {
            return null;
        }

        return TimeSpan.FromSeconds((user + system) / ClockTicksPerSecond);
    }

    private static async Task<string> RunSsAsync(int port, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ss", ["-Hltnp", $"sport = :{port.ToString(CultureInfo.InvariantCulture)}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var ss = Process.Start(start) ?? throw new InvalidOperationException("ss did not start");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            string output = await ss.StandardOutput.ReadToEndAsync(timeout.Token);
            await ss.WaitForExitAsync(timeout.Token);
            return output;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ss.Kill();
            throw new TimeoutException("ss did not answer within 5 s");
        }
    }

    private static string? ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"pid=(\d+)")]
    private static partial Regex SsPid();

    [GeneratedRegex(@"^VmRSS:\s+(\d+)\s+kB", RegexOptions.Multiline)]
    private static partial Regex VmRss();
}
