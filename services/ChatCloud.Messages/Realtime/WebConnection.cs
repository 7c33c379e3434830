using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;

namespace ChatCloud.Messages.Realtime;

/// <summary>
/// One browser tab's realtime connection: what it is owed waits in a bounded queue that one loop
/// sends from, so a tab that stops reading holds up nobody else (a shared SignalR group send would
/// wait for the slowest). When the queue is full what it holds is dropped, the tab is sent
/// <c>resync</c> (fetch from history what you missed) and closed after a grace in which it may close
/// itself; it never makes the server's memory grow, and a tab that reads nothing at all is closed
/// after at most two graces.
/// </summary>
internal sealed class WebConnection
{
    private readonly Channel<WebEvent> _queue;
    private readonly HubCallerContext _context;
    private readonly TimeSpan _grace;
    private readonly TaskCompletionSource _giveUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _overflowed;

    public WebConnection(HubCallerContext context, WebMember member, int capacity, TimeSpan grace)
    {
        _context = context;
        _grace = grace;
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
        if (Interlocked.Exchange(ref _overflowed, 1) == 0)
        {
            _queue.Writer.TryComplete();
            // A send stuck on a tab that reads nothing is given up after the grace.
            _ = Task.Delay(_grace).ContinueWith(_ => _giveUp.TrySetResult(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        return false;
    }

    /// <summary>Whether the connection was closed for falling behind (the client should fetch what it missed).</summary>
    public bool Overflowed => Volatile.Read(ref _overflowed) == 1;

    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Ends the connection from the server's side (the account's sessions were revoked).</summary>
    public void Close()
    {
        _queue.Writer.TryComplete();
        _context.Abort();
    }

    /// <summary>Sends what the queue holds, in order, until it is completed; after an overflow, <c>resync</c> and the close.</summary>
    public async Task PumpAsync(IHubClients clients)
    {
        var client = clients.Client(Id);
        await foreach (var item in _queue.Reader.ReadAllAsync())
        {
            if (Overflowed)
            {
                break; // what is left is for history to give back
            }
            var send = client.SendAsync(item.Method, item.Payload);
            if (await Task.WhenAny(send, _giveUp.Task) != send)
            {
                break;
            }
            await send;
        }
        if (Overflowed)
        {
            await ResyncAsync(client);
        }
    }

    private async Task ResyncAsync(ISingleClientProxy client)
    {
        try
        {
            var resync = client.SendAsync("resync", new WebResync("The connection fell behind; fetch what you missed from history."));
            if (await Task.WhenAny(resync, Task.Delay(_grace)) == resync)
            {
                // The app closes and reconnects on resync; the grace lets the notice reach it before the close.
                await Task.Delay(_grace, _context.ConnectionAborted);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _context.Abort();
        }
    }
}

/// <summary>The <c>resync</c> notice: the server dropped events this tab was owed (docs/web-realtime.md).</summary>
internal sealed record WebResync(string Reason);

/// <summary>A hub method to call on the client and its one argument.</summary>
internal sealed record WebEvent(string Method, object Payload);
