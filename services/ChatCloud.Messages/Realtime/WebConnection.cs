using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;

namespace ChatCloud.Messages.Realtime;

/// <summary>
/// One browser tab's realtime connection: what it is owed waits in a bounded queue that one loop
/// sends from, so a tab that stops reading holds up nobody else (a shared SignalR group send would
/// wait for the slowest). When the queue is full the tab is told to <c>resync</c> from history and
/// closed; it never makes the server's memory grow.
/// </summary>
internal sealed class WebConnection
{
    private readonly Channel<WebEvent> _queue;
    private readonly HubCallerContext _context;

    public WebConnection(HubCallerContext context, WebMember member, int capacity)
    {
        _context = context;
        Member = member;
        _queue = Channel.CreateBounded<WebEvent>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public string Id => _context.ConnectionId;

    public WebMember Member { get; }

    /// <summary>False, and the connection is being closed, when its queue was full.</summary>
    public bool Enqueue(WebEvent item)
    {
        if (_queue.Writer.TryWrite(item))
        {
            return true;
        }
        Overflowed = true;
        _queue.Writer.TryComplete();
        _context.Abort();
        return false;
    }

    /// <summary>Whether the connection was closed for falling behind (the client should fetch what it missed).</summary>
    public bool Overflowed { get; private set; }

    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Ends the connection from the server's side (the account's sessions were revoked).</summary>
    public void Close()
    {
        _queue.Writer.TryComplete();
        _context.Abort();
    }

    /// <summary>Sends what the queue holds, in order, until it is completed.</summary>
    public async Task PumpAsync(IHubClients clients, CancellationToken cancellationToken)
    {
        var client = clients.Client(Id);
        await foreach (var item in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            await client.SendAsync(item.Method, item.Payload, cancellationToken);
        }
    }
}

/// <summary>A hub method to call on the client and its one argument.</summary>
internal sealed record WebEvent(string Method, object Payload);
