using System.Net;
using System.Net.Sockets;
using ChatCloud.Bench.Cli;
using ChatCloud.Bench.Clients;
using ChatCloud.Bench.Results;
using ChatCloud.Bench.Server;

namespace ChatCloud.Bench.Scenarios;

// The chosen scenario against one target: resolve it, find the server process, connect the fleet,
// measure, say goodbye. Every phase is bounded by --timeout, --duration and --drain.
public sealed class TargetRun(BenchOptions options, ClientSettings settings, TextWriter progress)
{
    public async Task<TargetResult> RunAsync(BenchTarget target, CancellationToken cancellationToken)
    {
        var endpoint = await ResolveAsync(target, cancellationToken);
        if (endpoint.Error is not null)
        {
            return Failed(target, endpoint.Error);
        }

        var (server, serverInfo) = await FindServerAsync(target, cancellationToken);
        // Other work on the machine moves every figure; the 1-minute load average at the start says how much there was.
        double? loadAverage = ServerProcess.ReadLoadAverage();
        var transport = new Transport(endpoint.Address!, options.Tls, target.Host);
        var plan = new FleetPlan(
            options.Clients, FleetPlan.RoomNames(options.NickPrefix, settings.RunId, options.Rooms),
            options.ConnectRate, options.ConnectConcurrency, TimeSpan.FromSeconds(options.Timeout));

        progress.WriteLine($"[{target.Name}] connecting {plan.Clients} clients to {endpoint.Address}{(options.Tls ? " (TLS)" : "")}, {plan.Rooms.Count} room(s)");
        long? rssBefore = server?.ReadRssKb();
        await using var fleet = await ClientFleet.ConnectAsync(plan, transport, settings, cancellationToken);
        // A moment for the server to finish what registration left it doing before memory is read.
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        var connect = ConnectReport.Build(fleet, rssBefore, server?.ReadRssKb());
        progress.WriteLine($"[{target.Name}] {connect.Registered}/{connect.Clients} registered, {connect.Joined} joined in {connect.Seconds:0.00} s ({connect.RegistrationsPerSecond:0} registrations/s)");
        if (transport.CertificateFingerprint is { } fingerprint)
        {
            progress.WriteLine($"[{target.Name}] TLS certificate SHA-256 {fingerprint} (accepted without verification: bench only)");
        }

        var steps = new List<StepResult>();
        RampResult? ramp = null;
        string? error = null;
        if (options.Scenario != Scenario.Connect)
        {
            var joined = fleet.Clients.Where(c => c.State == ClientState.Joined && c.IsOpen).ToList();
            if (joined.Count < 2)
            {
                error = $"only {joined.Count} client(s) joined a room, so nothing can be measured (first problem: {connect.Problems.Keys.FirstOrDefault() ?? "none"})";
            }
            else
            {
                // Senders are the first S joined clients; client i is in room i mod M, so they spread over the rooms.
                var senders = joined.Take(Math.Min(options.Senders, joined.Count)).ToList();
                var step = new MessageStep(joined, senders, plan.RoomIndexOf, settings, server, options.P99BoundMs, TimeSpan.FromSeconds(options.Drain));
                ramp = await new StepSeries(options, step, progress, target.Name).RunAsync(steps, cancellationToken);
            }
        }

        await fleet.QuitAsync(cancellationToken);
        return new TargetResult(target.Name, target.Host, target.Port, loadAverage, transport.CertificateFingerprint, serverInfo, connect, steps, ramp, error);
    }

    private async Task<(IPEndPoint? Address, string? Error)> ResolveAsync(BenchTarget target, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(target.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(target.Host, cancellationToken);
        }
        catch (SocketException exception)
        {
            return (null, $"cannot resolve {target.Host}: {exception.SocketErrorCode}");
        }

        var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
        if (address is null)
        {
            return (null, $"{target.Host} has no address");
        }

        if (!IPAddress.IsLoopback(address) && !options.AllowRemote)
        {
            return (null, $"{target.Host} ({address}) is not a loopback address; a load generator aimed elsewhere needs --allow-remote");
        }

        return (new IPEndPoint(address, target.Port), null);
    }

    private async Task<(ServerProcess? Process, ServerInfo Info)> FindServerAsync(BenchTarget target, CancellationToken cancellationToken)
    {
        if (options.ServerPid is { } pid)
        {
            var process = ServerProcess.FromPid(pid);
            return process is null ? (null, new ServerInfo(pid, null, $"no process {pid}")) : (process, new ServerInfo(pid, process.Name, null));
        }

        var (found, note) = await ServerProcess.FindListenerAsync(target.Port, cancellationToken);
        return (found, new ServerInfo(found?.Pid, found?.Name, note));
    }

    private static TargetResult Failed(BenchTarget target, string error) =>
        new(target.Name, target.Host, target.Port, null, null, null, null, [], null, error);
}
