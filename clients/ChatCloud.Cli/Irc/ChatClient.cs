using System.Globalization;
using ChatCloud.Irc;

namespace ChatCloud.Cli.Irc;

// The long-lived client: one connection at a time, registered, kept alive with PING, replaced with
// backoff when it dies, and brought back to where it was (rooms, and what was missed; see
// ChatClient.Recovery.cs). Events are raised on the reading task; a UI marshals them itself.
internal sealed partial class ChatClient(ConnectionOptions options, TimeProvider time, BackoffPolicy backoff) : IAsyncDisposable
{
    private readonly TaskCompletionSource _firstRegistration = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private ConnectionOptions _options = options;
    private IrcConnection? _connection;
    private int _labels;
    private volatile bool _quitting;

    public ChatClient(ConnectionOptions options)
        : this(options, TimeProvider.System, new BackoffPolicy())
    {
    }

    public event Action<IrcMessage>? Received;

    public event Action<ConnectionStatus>? StatusChanged;

    // The certificate's fingerprint after each TLS handshake (shown with --insecure).
    public event Action<string>? CertificateSeen;

    public ConnectionOptions Options => _options;

    public string Nick { get; private set; } = options.Nick;

    public string? Account { get; private set; }

    public IReadOnlySet<string> Capabilities { get; private set; } = new HashSet<string>();

    public bool IsTls => _connection?.IsTls ?? _options.Tls;

    public TimeSpan? Lag { get; private set; }

    public ConnectionStatus Status { get; private set; } = new(ConnectionState.Disconnected);

    // Completes when the first registration succeeds; faults when the first attempt fails, so a
    // script exits with the right code instead of retrying a wrong password for ever.
    public Task Registered => _firstRegistration.Task;

    public int ReconnectCount { get; private set; }

    public string NextLabel() => "c" + Interlocked.Increment(ref _labels).ToString(CultureInfo.InvariantCulture);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var token = linked.Token;
        int failures = 0;
        while (!token.IsCancellationRequested && !_quitting)
        {
            bool registered = false;
            try
            {
                SetStatus(ConnectionState.Connecting, $"{_options.Host}:{_options.Port}");
                await using var connection = await IrcConnection.ConnectAsync(_options, token);
                if (connection.CertificateFingerprint is { } fingerprint)
                {
                    CertificateSeen?.Invoke(fingerprint);
                }

                SetStatus(ConnectionState.Registering);
                // A token fresh enough for this connection (a refresh if it is near its end).
                var access = _options.Tokens is { } tokens ? await tokens.GetAsync(token) : null;
                var result = await Registration.RunAsync(connection, _options, access?.Value, Raise, token);
                _reauthAt = access is null ? null : access.ExpiresAt - Login.SavedLoginTokens.RenewBefore;
                (Nick, Capabilities, Account) = (result.Nick, result.Capabilities, result.Account ?? Account);
                // The account exists from now on: reconnections log in to it rather than create it.
                _options = _options with { Register = false, Account = result.Account ?? _options.Account };
                _connection = connection;
                registered = true;
                failures = 0;
                SetStatus(ConnectionState.Connected);
                _firstRegistration.TrySetResult();
                await RecoverAsync(connection, token);
                await ReadUntilClosedAsync(connection, token);
            }
            catch (AuthenticationFailedException exception)
            {
                // Another attempt would be refused the same way.
                _firstRegistration.TrySetException(exception);
                SetStatus(ConnectionState.Closed, exception.Message);
                throw;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException
                or System.Security.Authentication.AuthenticationException or InvalidDataException or OperationCanceledException
                or ObjectDisposedException)
            {
                if (!_firstRegistration.Task.IsCompleted)
                {
                    _firstRegistration.TrySetException(new IOException($"Cannot connect to {_options.Host}:{_options.Port}: {exception.Message}", exception));
                }

                SetStatus(ConnectionState.Disconnected, exception.Message);
            }
            finally
            {
                _connection = null;
            }

            if (_quitting || token.IsCancellationRequested)
            {
                break;
            }

            var delay = backoff.Delay(registered ? 0 : ++failures);
            SetStatus(ConnectionState.WaitingToReconnect, $"retrying in {delay.TotalSeconds:0.0} s");
            try
            {
                await Task.Delay(delay, time, token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            ReconnectCount++;
        }

        SetStatus(ConnectionState.Closed);
    }

    // An account created on this connection (/register): later connections sign in to it with SASL.
    public void UseCredentials(string account, string password)
    {
        _options = _options with { Account = account, Password = password, Register = false };
        Account = account;
    }

    public Task SendAsync(IrcMessage message, CancellationToken cancellationToken)
    {
        var connection = _connection ?? throw new InvalidOperationException("Not connected; the line was not sent.");
        return connection.SendAsync(message, cancellationToken);
    }

    // /quit, Ctrl-C, SIGTERM: QUIT, wait briefly for the server's ERROR (its acknowledgement that it
    // sent everything queued), then close the socket.
    public async Task QuitAsync(string reason, CancellationToken cancellationToken)
    {
        _quitting = true;
        if (_connection is { } connection)
        {
            try
            {
                await connection.SendAsync(new IrcMessage("QUIT", reason), cancellationToken);
                await _closed.Task.WaitAsync(TimeSpan.FromSeconds(2), time, cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or TimeoutException or ObjectDisposedException or OperationCanceledException)
            {
                // Closing anyway: the QUIT was best effort.
            }
        }

        await _stopping.CancelAsync();
    }

    // Drops the current socket without QUIT, as a dead network would; the client then reconnects.
    public void DropConnection() => _connection?.Abort();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _stopping.Dispose();
    }

    private void SetStatus(ConnectionState state, string? detail = null)
    {
        Status = new ConnectionStatus(state, detail);
        StatusChanged?.Invoke(Status);
    }

    private void Raise(IrcMessage message) => Received?.Invoke(message);
}
