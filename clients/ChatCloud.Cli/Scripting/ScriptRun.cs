using System.Runtime.InteropServices;
using ChatCloud.Cli.App;
using ChatCloud.Cli.Irc;
using ChatCloud.Cli.Session;
using ChatCloud.Irc;

namespace ChatCloud.Cli.Scripting;

// What `send` and `tail` share: a client and a session, signed in, with Ctrl-C and SIGTERM turned
// into a clean QUIT, and a way to wait for a line with a deadline.
internal sealed class ScriptRun : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _interrupted = new();
    private readonly List<PosixSignalRegistration> _signals = [];
    private Task _running = Task.CompletedTask;

    private ScriptRun(ConnectionOptions options)
    {
        Client = new ChatClient(options);
        Session = new ChatSession(options.Nick, TimeProvider.System);
        Client.Received += message =>
        {
            lock (Session)
            {
                Session.Nick = Client.Nick;
                Session.Capabilities = Client.Capabilities;
                Session.Apply(message);
            }
        };
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            _signals.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                _interrupted.Cancel();
            }));
        }
    }

    public ChatClient Client { get; }

    public ChatSession Session { get; }

    // Cancelled by Ctrl-C or SIGTERM.
    public CancellationToken Interrupted => _interrupted.Token;

    // The client running in the background; faults if it gives up (a refused login on reconnect).
    public Task Running => _running;

    public static async Task<ScriptRun> StartAsync(ConnectionOptions options)
    {
        var run = new ScriptRun(options);
        run.Client.CertificateSeen += fingerprint =>
        {
            if (options.Insecure)
            {
                Console.Error.WriteLine($"chatcloud: accepting the server's certificate, SHA-256 {fingerprint}");
            }
        };
        run._running = run.Client.RunAsync(run.Interrupted);
        try
        {
            await run.Client.Registered.WaitAsync(Deadline, run.Interrupted);
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }

        return run;
    }

    // The first line for which `decide` returns true (done) or false (failed), within the deadline.
    public async Task<(bool Ok, IrcMessage Line)> WaitForAsync(Func<IrcMessage, bool?> decide, Func<Task> send)
    {
        var outcome = new TaskCompletionSource<(bool, IrcMessage)>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnReceived(IrcMessage message)
        {
            if (decide(message) is { } ok)
            {
                outcome.TrySetResult((ok, message));
            }
        }

        Client.Received += OnReceived;
        try
        {
            await send();
            return await outcome.Task.WaitAsync(Deadline, Interrupted);
        }
        finally
        {
            Client.Received -= OnReceived;
        }
    }

    // JOIN and wait for the end of NAMES (the join is complete) or a refusal.
    public async Task<string?> JoinAsync(string room)
    {
        var (ok, line) = await WaitForAsync(
            message => message.Command switch
            {
                Numerics.RPL_ENDOFNAMES when message.Parameters.Count > 1 && IrcCaseMapping.Rfc1459.Equals(message.Parameters[1], room) => true,
                "403" or "405" or "471" or "473" or "474" or "475" or "476" or "477" or "489" when message.Parameters.Count > 1
                    && IrcCaseMapping.Rfc1459.Equals(message.Parameters[1], room) => false,
                _ => null,
            },
            () => Client.SendAsync(new IrcMessage("JOIN", room), Interrupted));
        return ok ? null : $"cannot join {room}: {line.Parameters[^1]}";
    }

    public async ValueTask DisposeAsync()
    {
        using var quitDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await Client.QuitAsync("chatcloud script done", quitDeadline.Token);
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        }
        catch (Exception exception) when (exception is AuthenticationFailedException or TimeoutException or OperationCanceledException)
        {
            // Reported by whoever awaited Registered; here we only make sure the socket is closed.
        }

        await Client.DisposeAsync();
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        _interrupted.Dispose();
    }

    public static async Task<int> FailAsync(Exception exception)
    {
        await Console.Error.WriteLineAsync($"chatcloud: {exception.Message}");
        return Launcher.ExitCodeOf(exception);
    }
}
