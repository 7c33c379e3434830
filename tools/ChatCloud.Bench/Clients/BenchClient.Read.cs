using System.Buffers;
using System.Diagnostics;
using ChatCloud.Bench.Protocol;
using ChatCloud.Irc;

namespace ChatCloud.Bench.Clients;

// The only code that reads this client's pipe: ReadAsync → frame every complete line → AdvanceTo in
// finally → stop on completion. Bench messages are recorded on the spot; the few other lines are parsed
// with IrcParser and handled after the buffer is released, since handling them may write.
public sealed partial class BenchClient
{
    // Bench messages that arrived while no step was measuring: a server still working off the backlog of
    // an overloaded step. Read without the lock while waiting for the server to go quiet.
    public long UnmeasuredDeliveries => Volatile.Read(ref _unmeasured);

    private long _unmeasured;

    public string? CloseReason { get; private set; }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _reader!;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                // One timestamp per read: a line's latency ends when its bytes reached us, not when this
                // loop got round to it, so the bench's own parsing does not count against the server.
                long received = Stopwatch.GetTimestamp();
                var buffer = result.Buffer;
                bool tooLong;
                try
                {
                    ReadLines(ref buffer, received);
                    tooLong = IrcFraming.IsUnterminatedLineTooLong(buffer);
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }

                if (_control.Count > 0)
                {
                    await HandleControlLinesAsync(cancellationToken);
                }

                if (tooLong)
                {
                    Close("the server sent a line longer than any IRC line may be");
                    return;
                }

                if (result.IsCompleted)
                {
                    Close("the server closed the connection");
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Close("closed by the bench");
        }
        catch (Exception exception) when (IsConnectionFault(exception))
        {
            Close("connection lost: " + Describe(exception));
        }
    }

    private void ReadLines(ref ReadOnlySequence<byte> buffer, long received)
    {
        // A line split over two buffer segments is copied here when it may be a bench message.
        Span<byte> joined = stackalloc byte[BenchLine.MaxLineBytes * 2];
        lock (_statsGate)
        {
            var stats = _stats;
            while (IrcFraming.TryReadLine(ref buffer, out var line))
            {
                var kind = LineKind.Other;
                Delivery delivery = default;
                if (line.IsSingleSegment)
                {
                    kind = BenchLine.Classify(line.FirstSpan, settings.RunIdBytes, out delivery);
                }
                else if (line.Length <= joined.Length)
                {
                    line.CopyTo(joined);
                    kind = BenchLine.Classify(joined[..(int)line.Length], settings.RunIdBytes, out delivery);
                }

                switch (kind)
                {
                    case LineKind.Delivery when stats is not null:
                        stats.Record(delivery.Step, delivery.Sender, delivery.Sequence, delivery.SentTimestamp, received);
                        break;
                    case LineKind.Delivery:
                        Volatile.Write(ref _unmeasured, _unmeasured + 1);
                        break;
                    case LineKind.ForeignPrivmsg:
                        break;
                    default:
                        // Lines a server cannot be expected to keep to our rules (a Latin-1 MOTD) are
                        // skipped: the bench needs only a handful of commands and numerics.
                        if (IrcParser.TryParse(line, out var message) == IrcParseError.None)
                        {
                            _control.Add(message);
                        }

                        break;
                }
            }
        }
    }

    private void Close(string reason)
    {
        _open = false;
        CloseReason ??= reason;
        if (_state is ClientState.Connecting or ClientState.Registering or ClientState.Registered)
        {
            Fail(ClientState.Failed, FailReason ?? reason);
        }
    }
}
