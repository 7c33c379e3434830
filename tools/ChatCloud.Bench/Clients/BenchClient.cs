using System.Diagnostics;
using System.IO.Pipelines;
using ChatCloud.Bench.Stats;
using ChatCloud.Irc;

namespace ChatCloud.Bench.Clients;

// One IRC connection of the fleet: registers, joins its room, answers PING, sends bench messages when
// it is a sender and records every bench message it receives. Split by concern: reading
// (BenchClient.Read.cs), writing (.Write.cs) and the registration state machine (.Registration.cs).
public sealed partial class BenchClient(int index, string room, ClientSettings settings) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lock _statsGate = new();
    private readonly List<IrcMessage> _control = [];
    private Stream? _stream;
    private PipeReader? _reader;
    private PipeWriter? _writer;
    private Task? _readLoop;
    private ReceiveStats? _stats;
    private volatile ClientState _state = ClientState.Connecting;
    private volatile bool _open;

    public int Index { get; } = index;

    public string Room { get; } = room;

    public string Nick { get; private set; } = settings.NickPrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public ClientState State => _state;

    public bool IsOpen => _open;

    // The first reason this client failed or its JOIN was refused, in a form that groups well in tables.
    public string? FailReason { get; private set; }

    public long StartTimestamp { get; private set; }

    public long ConnectedTimestamp { get; private set; }

    public long RegisteredTimestamp { get; private set; }

    public long JoinedTimestamp { get; private set; }

    // Completes once joined, refused or failed; State says which.
    // Never faults, so the fleet can wait for all clients with one WhenAll.
    public Task Settled => _settled.Task;

    // Opens the connection and sends the registration; the read loop does the rest.
    public async Task StartAsync(Transport transport, CancellationToken cancellationToken)
    {
        StartTimestamp = Stopwatch.GetTimestamp();
        try
        {
            _stream = await transport.OpenAsync(cancellationToken);
        }
        catch (Exception exception) when (IsConnectionFault(exception))
        {
            Fail(ClientState.Failed, "connect: " + Describe(exception));
            return;
        }

        ConnectedTimestamp = Stopwatch.GetTimestamp();
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true));
        _writer = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 1024, leaveOpen: true));
        _open = true;
        _state = ClientState.Registering;
        _readLoop = ReadLoopAsync(_stop.Token);
        await SendRegistrationAsync(cancellationToken);
    }

    // Hands the stats of the step that ends to the caller and installs those of the next (or none).
    public ReceiveStats? SwapStats(ReceiveStats? next)
    {
        lock (_statsGate)
        {
            var previous = _stats;
            _stats = next;
            return previous;
        }
    }

    // The fleet's deadline passed before 001 or the JOIN came back.
    public void TimeOut()
    {
        string waitingFor = _state switch
        {
            ClientState.Connecting => "the TCP/TLS connection",
            ClientState.Registering => "001",
            _ => "the JOIN",
        };
        Fail(ClientState.Failed, "timed out waiting for " + waitingFor);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_readLoop is not null)
        {
            await _readLoop;
        }

        if (_reader is not null)
        {
            await _reader.CompleteAsync();
        }

        // A sender may still be inside a flush; the gate waits for it, bounded, before the writer goes.
        if (await _writeGate.WaitAsync(TimeSpan.FromSeconds(2)) && _writer is not null)
        {
            await CompleteWriterAsync();
        }

        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }

        _stop.Dispose();
    }

    private async Task CompleteWriterAsync()
    {
        try
        {
            await _writer!.CompleteAsync();
        }
        catch (Exception exception) when (IsConnectionFault(exception))
        {
            // Already gone; nothing was waiting for those bytes.
        }
    }

    private void Fail(ClientState state, string reason)
    {
        if (_state is ClientState.Failed)
        {
            return;
        }

        FailReason ??= reason;
        _state = state;
        _settled.TrySetResult();
        if (state == ClientState.Failed)
        {
            _stop.Cancel();
        }
    }

    private static bool IsConnectionFault(Exception exception) =>
        exception is IOException or System.Net.Sockets.SocketException or ObjectDisposedException
            or System.Security.Authentication.AuthenticationException or InvalidOperationException;

    private static string Describe(Exception exception) => exception switch
    {
        System.Net.Sockets.SocketException socket => socket.SocketErrorCode.ToString(),
        IOException { InnerException: System.Net.Sockets.SocketException socket } => socket.SocketErrorCode.ToString(),
        System.Security.Authentication.AuthenticationException => "TLS handshake failed",
        _ => exception.GetType().Name,
    };
}
