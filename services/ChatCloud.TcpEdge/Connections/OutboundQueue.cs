using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.IO.Pipelines;
using System.Threading.Channels;

namespace ChatCloud.TcpEdge.Connections;

/// <summary>
/// One connection's bounded send queue with a single writer loop. Senders never block and never write
/// to another client's pipe: they enqueue bytes already serialised (shared by every recipient). When
/// the queue is full the client is not reading; it is disconnected rather than allowed to grow memory.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue: bounded, first in, first out.")]
public sealed class OutboundQueue
{
    private readonly Channel<ReadOnlyMemory<byte>> _lines;

    public OutboundQueue(int capacity)
    {
        _lines = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>False when the queue is full or closed; the caller then disconnects the client.</summary>
    public bool TryEnqueue(ReadOnlyMemory<byte> line) => _lines.Writer.TryWrite(line);

    /// <summary>Nothing more will be queued; the writer loop ends once the queue is drained.</summary>
    public void Complete() => _lines.Writer.TryComplete();

    /// <summary>Writes queued lines to the transport, one flush per batch, until the queue completes.</summary>
    public async Task RunWriterAsync(PipeWriter output, CancellationToken cancellationToken)
    {
        var reader = _lines.Reader;
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            while (reader.TryRead(out var line))
            {
                output.Write(line.Span);
            }
            var flushed = await output.FlushAsync(cancellationToken);
            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                return;
            }
        }
    }
}
