using System.Diagnostics;
using ChatCloud.Bench.Protocol;
using ChatCloud.Irc;

namespace ChatCloud.Bench.Clients;

// Two writers share the pipe: the read loop (registration, PONG) and, on a sender, the send loop.
// A PipeWriter takes one writer at a time, so both go through _writeGate; each takes it once per batch
// and flushes once, so a batch of lines leaves in one write.
public sealed partial class BenchClient
{
    // Sends `count` bench messages numbered from `firstSequence`, each stamped as it is written. Returns
    // false when the connection is gone; the caller counts only what was flushed as sent.
    public async ValueTask<bool> SendBenchMessagesAsync(byte[] prefix, long firstSequence, int count, CancellationToken cancellationToken)
    {
        if (!_open)
        {
            return false;
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var writer = _writer!;
            for (int i = 0; i < count; i++)
            {
                var span = writer.GetSpan(prefix.Length + 48);
                writer.Advance(BenchLine.Write(span, prefix, firstSequence + i, Stopwatch.GetTimestamp()));
            }

            var flush = await writer.FlushAsync(cancellationToken);
            return !flush.IsCompleted;
        }
        catch (Exception exception) when (IsConnectionFault(exception))
        {
            return false;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    // Says goodbye so the servers log a quit rather than a reset; the answer is not awaited here.
    public async Task QuitAsync(CancellationToken cancellationToken)
    {
        if (!_open)
        {
            return;
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            Send(new IrcMessage("QUIT", "bench finished"));
            await _writer!.FlushAsync(cancellationToken);
        }
        catch (Exception exception) when (IsConnectionFault(exception))
        {
            // Gone already: nothing to say goodbye to.
        }
        finally
        {
            _writeGate.Release();
        }
    }

    // Waits (bounded by the caller) for the server to close after QUIT.
    public Task Closed => _readLoop ?? Task.CompletedTask;

    private async Task SendRegistrationAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            if (settings.Sasl is not null)
            {
                // IRCv3 sasl-3.1: CAP REQ before NICK/USER holds registration until CAP END.
                Send(new IrcMessage("CAP", "REQ", "sasl"));
            }

            Send(new IrcMessage("NICK", Nick));
            Send(new IrcMessage("USER", Nick, "0", "*", "ChatCloud bench"));
            await _writer!.FlushAsync(cancellationToken);
        }
        catch (Exception exception) when (IsConnectionFault(exception))
        {
            Fail(ClientState.Failed, "registration: " + Describe(exception));
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task HandleControlLinesAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            foreach (var message in _control)
            {
                Handle(message);
            }

            await _writer!.FlushAsync(cancellationToken);
        }
        finally
        {
            _control.Clear();
            _writeGate.Release();
        }
    }

    // Called with _writeGate held; the flush follows.
    private void Send(in IrcMessage message)
    {
        if (IrcWriter.TryWrite(message, _writer!) != IrcWriteError.None)
        {
            // Only our own fixed commands and a server's PING token pass through here.
            Fail(ClientState.Failed, $"could not write {message.Command}");
        }
    }
}
