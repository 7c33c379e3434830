using System.Diagnostics;

namespace ChatCloud.AppHost.Infrastructure.Local;

/// <summary>Runs a short preparation command (initdb, chown) and fails loudly with its output.</summary>
internal static class LocalCommand
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>
    /// PostgreSQL refuses to run as root. As root, the server and initdb run as the Debian <c>postgres</c>
    /// user through <c>setpriv</c>, which execs, so the orchestrator signals the server itself.
    /// </summary>
    public static (string Command, List<string> Args) AsServiceUser(string user, string command, IEnumerable<string> args)
    {
        if (!IsRoot)
        {
            return (command, args.ToList());
        }
        return ("setpriv", [$"--reuid={user}", $"--regid={user}", "--init-groups", "--", command, .. args]);
    }

    public static async Task RunAsync(string command, IReadOnlyList<string> args, string? standardInput, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(command, args)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {command}.");
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
        }
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{command} exited with {process.ExitCode}:{Environment.NewLine}{await output}{await error}");
        }
    }

    /// <summary>The first existing path among candidates, or an error that says which Debian package provides it.</summary>
    public static string Find(string package, params string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(
            $"{candidates[0]} was not found. Install the Debian package '{package}' (./run.sh does it) or start with a Docker engine.");
    }
}
