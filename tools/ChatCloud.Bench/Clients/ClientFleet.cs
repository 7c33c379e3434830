using System.Diagnostics;

namespace ChatCloud.Bench.Clients;

// All clients of one run against one target. Connecting is paced (--connect-rate new connections a
// second, at most --connect-concurrency TCP/TLS handshakes at once) so the bench measures how fast a
// server registers clients rather than how it survives a SYN flood; registration itself is not paced.
public sealed class ClientFleet : IAsyncDisposable
{
    private readonly List<BenchClient> _clients;

    private ClientFleet(List<BenchClient> clients, long startTimestamp, long lastStartTimestamp)
    {
        _clients = clients;
        StartTimestamp = startTimestamp;
        LastStartTimestamp = lastStartTimestamp;
    }

    public IReadOnlyList<BenchClient> Clients => _clients;

    public long StartTimestamp { get; }

    public long LastStartTimestamp { get; }

    public static async Task<ClientFleet> ConnectAsync(
        FleetPlan plan, Transport transport, ClientSettings settings, CancellationToken cancellationToken)
    {
        var clients = new List<BenchClient>(plan.Clients);
        var starts = new List<Task>(plan.Clients);
        using var handshakes = new SemaphoreSlim(plan.ConnectConcurrency);
        long start = Stopwatch.GetTimestamp();
        try
        {
            await StartAllAsync(plan, transport, settings, clients, starts, handshakes, start, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
            throw;
        }

        long lastStart = Stopwatch.GetTimestamp();
        var fleet = new ClientFleet(clients, start, lastStart);
        await fleet.WaitSettledAsync(plan.Timeout - Stopwatch.GetElapsedTime(lastStart), cancellationToken);
        return fleet;
    }

    private static async Task StartAllAsync(
        FleetPlan plan, Transport transport, ClientSettings settings, List<BenchClient> clients, List<Task> starts,
        SemaphoreSlim handshakes, long start, CancellationToken cancellationToken)
    {
        for (int i = 0; i < plan.Clients; i++)
        {
            var wait = TimeSpan.FromSeconds(i / plan.ConnectRate) - Stopwatch.GetElapsedTime(start);
            // Timers are about a millisecond fine; shorter waits are taken up by the next one.
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            await handshakes.WaitAsync(cancellationToken);
            var client = new BenchClient(i, plan.RoomOf(i), settings);
            clients.Add(client);
            starts.Add(StartOneAsync(client, transport, handshakes, plan.Timeout, cancellationToken));
        }

        // Every handshake has ended (connected, failed or timed out) before the deadline starts.
        await Task.WhenAll(starts);
    }

    // Sends QUIT to everyone, waits a little for the servers to close, then drops what is left.
    public async Task QuitAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await Task.WhenAll(_clients.Select(c => c.QuitAsync(bounded.Token)));
            await Task.WhenAll(_clients.Select(c => c.Closed)).WaitAsync(bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A server slow to close after QUIT; disposing closes our side.
        }
    }

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(_clients.Select(c => c.DisposeAsync().AsTask()));

    private static async Task StartOneAsync(
        BenchClient client, Transport transport, SemaphoreSlim handshakes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectTimeout.CancelAfter(timeout);
        try
        {
            await client.StartAsync(transport, connectTimeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            client.TimeOut();
        }
        finally
        {
            handshakes.Release();
        }
    }

    private async Task WaitSettledAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_clients.Select(c => c.Settled)).WaitAsync(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, cancellationToken);
        }
        catch (TimeoutException)
        {
            foreach (var client in _clients.Where(c => !c.Settled.IsCompleted))
            {
                client.TimeOut();
            }
        }
    }
}
