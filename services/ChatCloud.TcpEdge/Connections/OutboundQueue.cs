using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Threading.Channels;

namespace ChatCloud.TcpEdge.Connections;

/// <summary>
/// One connection's bounded send queue with a single writer loop. Senders never block and never write
/// to another client's pipe: they enqueue bytes already serialised (shared by every recipient). When
/// the queue is full the client is not reading; it is disconnected rather than allowed to grow memory.
/// <para>
/// The writer wakes when told to, not on every line: a fan-out of a batch of stored messages queues
/// all of a member's lines first and wakes its writer once, which then writes them with one flush.
/// Waking per line would cost a thread-pool hop and a send syscall per line per member, and the
/// hops would queue ahead of the socket reads of everyone else (what InspIRCd avoids by writing in
/// its event loop, this avoids by writing in batches).
/// </para>
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue: bounded, first in, first out.")]
public sealed class OutboundQueue(int capacity)
{
    private readonly ConcurrentQueue<ReadOnlyMemory<byte>> _lines = new();
    // One pending wake-up is enough: the writer drains everything queued before it looks again.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });
    private int _count;
    private volatile bool _completed;

    /// <summary>
    /// Queues a line; with <paramref name="wake"/> false the caller promises a <see cref="Wake"/>
    /// after its last line. False when the queue is full or closed; the caller then disconnects the client.
    /// </summary>
    public bool TryEnqueue(ReadOnlyMemory<byte> line, bool wake = true)
    {
        if (_completed)
        {
            return false;
        }
        if (Interlocked.Increment(ref _count) > capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }
        _lines.Enqueue(line);
        if (wake)
        {
            Wake();
        }
        return true;
    }

    /// <summary>Has the writer send what is queued.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Nothing more will be queued; the writer loop ends once the queue is drained.</summary>
    public void Complete()
    {
        _completed = true;
        Wake();
    }

    /// <summary>Writes queued lines to the transport, one flush per wake-up, until the queue completes.</summary>
    public async Task RunWriterAsync(PipeWriter output, CancellationToken cancellationToken)
    {
        var wake = _wake.Reader;
        while (await wake.WaitToReadAsync(cancellationToken))
        {
            wake.TryRead(out _);
            var written = 0;
            while (_lines.TryDequeue(out var line))
            {
                output.Write(line.Span);
                written++;
            }
            Interlocked.Add(ref _count, -written);
            if (written > 0)
            {
                var flushed = await output.FlushAsync(cancellationToken);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    return;
                }
            }
            if (_completed && _lines.IsEmpty)
            {
                return;
            }
        }
    }
}
