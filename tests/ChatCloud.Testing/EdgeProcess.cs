using System.Diagnostics;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace ChatCloud.Testing;

/// <summary>
/// A second TCP edge beside the suite's own, as a deployment scaled to two replicas would run it:
/// the same built service in its own process, on its own IRC port, sharing the suite's Redis,
/// RabbitMQ and services. Disposing stops it as an orchestrator would (SIGTERM); <see cref="Crash"/>
/// kills it outright.
/// </summary>
public sealed class EdgeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EdgeProcess(Process process, int ircPort)
    {
        _process = process;
        IrcPort = ircPort;
    }

    public int IrcPort { get; }

    public static async Task<EdgeProcess> StartAsync(ChatCloudSuite suite, CancellationToken cancellationToken)
    {
        var app = suite.App;
        var ports = FreePorts.Take(2);
        var (ircPort, httpPort) = (ports[0], ports[1]);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(RepositoryRoot.Path, "artifacts", "bin", "ChatCloud.TcpEdge", "debug", "ChatCloud.TcpEdge.dll")])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__" + ResourceNames.Cache] = await app.GetConnectionStringAsync(ResourceNames.Cache, cancellationToken);
        start.Environment["ConnectionStrings__" + ResourceNames.Messaging] = await app.GetConnectionStringAsync(ResourceNames.Messaging, cancellationToken);
        foreach (var service in new[] { ResourceNames.Messages, ResourceNames.History, ResourceNames.Auth })
        {
            start.Environment[$"services__{service}__http__0"] = app.GetEndpoint(service, "http").ToString();
        }
        // Trusts the suite's issuer and calls the services as the suite's edge does, with the same client.
        start.Environment["Identity__Provider"] = "Builtin";
        start.Environment["Identity__Authority"] = app.GetEndpoint(ResourceNames.Auth, "http").ToString();
        start.Environment["Identity__Audience"] = "chatcloud";
        start.Environment["Identity__RequireHttpsMetadata"] = "false";
        start.Environment["Identity__ClientId"] = ServiceCredentials.ClientId;
        start.Environment["Identity__ClientSecret"] = await app.ClientSecretAsync(cancellationToken);
        // Cloaks guests as the suite's edge does, so a guest's host is the same on both.
        start.Environment["Irc__Cloaks__Key"] = await app.ParameterAsync("irc-cloak-key", cancellationToken);
        start.Environment["Irc__PlainPort"] = ircPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Irc__TlsPort"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The second edge did not start.");
        // Its output is drained so it never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var edge = new EdgeProcess(process, ircPort);
        try
        {
            await edge.WaitUntilListeningAsync(cancellationToken);
        }
        catch
        {
            await edge.DisposeAsync();
            throw;
        }
        return edge;
    }

    /// <summary>Ends the process at once: no QUITs sent, no heartbeat removed, as when its machine dies.</summary>
    public void Crash() => _process.Kill(entireProcessTree: true);

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadlines.Boot);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The second edge exited with code {_process.ExitCode}.");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", IrcPort, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200, deadline.Token);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            using var stop = new CancellationTokenSource(Deadlines.Stop);
            try
            {
                await _process.WaitForExitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }
}
