using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using ChatCloud.Messages.Realtime;
using Xunit;

namespace ChatCloud.Messages.Tests.Realtime;

/// <summary>
/// A tab's bounded queue (docs/web-realtime.md, "Bounds"): events in order while it reads; once it
/// stops and the queue is full, the rest is dropped, <c>resync</c> is sent and the connection closed.
/// </summary>
public sealed class WebConnectionTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(50);

    private static WebMember Member() =>
        new(Guid.NewGuid(), "alice", "alice", "web-test", new SendRate(new RealtimeOptions(), TimeProvider.System));

    private static WebEvent Event(int number) => new("message", number);

    [Fact]
    public async Task A_tab_that_reads_gets_every_event_in_order_and_no_resync()
    {
        var context = new TabContext();
        var tab = new Tab(stuck: false);
        var connection = new WebConnection(context, Member(), capacity: 4, Grace);
        var pump = connection.PumpAsync(tab);

        var accepted = Enumerable.Range(1, 3).Select(n => connection.Enqueue(Event(n))).ToList();
        connection.Complete();
        await pump.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.All(accepted, Assert.True);
        Assert.Equal([("message", 1), ("message", 2), ("message", 3)], tab.Sent);
        Assert.False(connection.Overflowed);
        Assert.False(context.Aborted);
    }

    [Fact]
    public async Task A_tab_that_stops_reading_is_sent_resync_once_its_queue_is_full_and_closed()
    {
        var context = new TabContext();
        var tab = new Tab(stuck: true);
        var connection = new WebConnection(context, Member(), capacity: 2, Grace);
        var pump = connection.PumpAsync(tab);

        connection.Enqueue(Event(1));
        await tab.FirstSendStarted.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var queued = new[] { connection.Enqueue(Event(2)), connection.Enqueue(Event(3)) };
        var overflowing = connection.Enqueue(Event(4));
        await pump.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.All(queued, Assert.True);
        Assert.False(overflowing);
        Assert.True(connection.Overflowed);
        // The stuck send is given up after the grace; what was queued is left for history.
        Assert.Equal(["message", "resync"], tab.Sent.Select(sent => sent.Method));
        Assert.True(context.Aborted);
    }

    /// <summary>A tab's side of the hub: records what is sent; when stuck, its first send never completes (it stopped reading).</summary>
    private sealed class Tab(bool stuck) : IHubClients, ISingleClientProxy
    {
        private readonly TaskCompletionSource _firstSendStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<(string Method, object? Payload)> Sent { get; } = [];

        public Task FirstSendStarted => _firstSendStarted.Task;

        public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
        {
            lock (Sent)
            {
                Sent.Add((method, args.SingleOrDefault()));
            }
            if (stuck && _firstSendStarted.TrySetResult())
            {
                return Task.Delay(Timeout.Infinite, cancellationToken);
            }
            return Task.CompletedTask;
        }

        public Task<T> InvokeCoreAsync<T>(string method, object?[] args, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ISingleClientProxy Client(string connectionId) => this;

        IClientProxy IHubClients<IClientProxy>.Client(string connectionId) => this;

        public IClientProxy All => throw new NotSupportedException();

        public IClientProxy AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

        public IClientProxy Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();

        public IClientProxy Group(string groupName) => throw new NotSupportedException();

        public IClientProxy GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

        public IClientProxy Groups(IReadOnlyList<string> groupNames) => throw new NotSupportedException();

        public IClientProxy User(string userId) => throw new NotSupportedException();

        public IClientProxy Users(IReadOnlyList<string> userIds) => throw new NotSupportedException();
    }

    private sealed class TabContext : HubCallerContext
    {
        public bool Aborted { get; private set; }

        public override string ConnectionId => "tab-1";

        public override string? UserIdentifier => null;

        public override ClaimsPrincipal? User => null;

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort() => Aborted = true;
    }
}
