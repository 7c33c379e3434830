namespace ChatCloud.Cli.Irc;

internal enum ConnectionState
{
    Disconnected,
    Connecting,
    Registering,
    Connected,
    WaitingToReconnect,
    Closed,
}

// What the status line shows; Detail says why (an error, the next attempt's delay).
internal sealed record ConnectionStatus(ConnectionState State, string? Detail = null);

// Registration failed in a way another attempt will not fix (wrong password, name taken).
internal sealed class AuthenticationFailedException(string message) : Exception(message);
