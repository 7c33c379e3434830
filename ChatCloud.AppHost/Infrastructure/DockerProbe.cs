using System.Diagnostics;

namespace ChatCloud.AppHost.Infrastructure;

/// <summary>Asks the Docker client whether an engine answers. The client alone (as on CI machines) is not enough.</summary>
public static class DockerProbe
{
    public static bool EngineAnswers(TimeSpan timeout)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("docker", ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
            {
                return false;
            }
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0 && process.StandardOutput.ReadToEnd().Trim().Length > 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker client on PATH
        }
    }
}
