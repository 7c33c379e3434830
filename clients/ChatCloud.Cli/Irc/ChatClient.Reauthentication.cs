using ChatCloud.Cli.Login;
using ChatCloud.Irc;

namespace ChatCloud.Cli.Irc;

// A connection signed in with a token outlives it (docs/security.md, "Long-lived TCP sessions"), but
// keeps its sign-in current: shortly before the token expires the client refreshes it and signs in
// again on the live connection (IRCv3 sasl-3.2 re-authentication, as the same account).
internal sealed partial class ChatClient
{
    private static readonly TimeSpan RetryReauthentication = TimeSpan.FromSeconds(30);

    private DateTimeOffset? _reauthAt;
    private IReadOnlyList<string>? _reauthChunks;

    // Called by the watchdog on each tick.
    private async Task ReauthenticateIfDueAsync(IrcConnection connection, CancellationToken cancellationToken)
    {
        if (_reauthAt is not { } due || time.GetUtcNow() < due || _options.Tokens is not { } tokens)
        {
            return;
        }

        try
        {
            var access = await tokens.GetAsync(cancellationToken);
            _reauthAt = access.ExpiresAt - SavedLoginTokens.RenewBefore;
            _reauthChunks = Sasl.OAuthBearer(access.Value);
            await connection.SendAsync(new IrcMessage("AUTHENTICATE", "OAUTHBEARER"), cancellationToken);
        }
        catch (IOException exception)
        {
            // The provider is unreachable: the connection stays signed in; try again a little later.
            _reauthAt = time.GetUtcNow() + RetryReauthentication;
            Raise(new IrcMessage("NOTE", "*", "REAUTH", $"Could not refresh the sign-in: {exception.Message}"));
        }
        catch (AuthenticationFailedException exception)
        {
            // The saved login was revoked: no more attempts; the server ends the connection if it must.
            _reauthAt = null;
            Raise(new IrcMessage("NOTE", "*", "REAUTH", exception.Message));
        }
    }

    // The server's side of a re-authentication under way: the token when it asks, ^A after an error challenge.
    private async Task<bool> HandleReauthenticationAsync(IrcConnection connection, IrcMessage message, CancellationToken cancellationToken)
    {
        if (message.Command != "AUTHENTICATE" || _reauthAt is null)
        {
            return false;
        }

        if (message.Parameters is ["+"] && _reauthChunks is { } chunks)
        {
            _reauthChunks = null;
            foreach (string chunk in chunks)
            {
                await connection.SendAsync(new IrcMessage("AUTHENTICATE", chunk), cancellationToken);
            }
        }
        else if (message.Parameters.Count == 1)
        {
            await connection.SendAsync(new IrcMessage("AUTHENTICATE", "AQ=="), cancellationToken);
        }

        return true;
    }
}
