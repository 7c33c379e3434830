using ChatCloud.Cli.Irc;

namespace ChatCloud.Cli.Login;

// Access tokens from the saved login: a cached token while it has more than RenewBefore left, else a
// refresh. Refresh tokens rotate and a reused one revokes the whole login (docs/security.md), so a
// refresh holds a lock file across processes (the TUI and a `send` may run at once), reads the
// newest refresh token from the file under it, and writes the new one before letting go.
internal sealed class SavedLoginTokens(IdentityProvider provider, string path, TimeProvider time) : IAccessTokenSource, IDisposable
{
    public static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _current;

    public async Task<AccessToken> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } current && current.ExpiresAt - RenewBefore > time.GetUtcNow())
            {
                return current;
            }

            await using var fileLock = await LockAsync(cancellationToken);
            var login = SavedLogin.Load(path) ?? throw new AuthenticationFailedException("Not signed in any more (the saved login is gone); run chatcloud login.");
            var tokens = await provider.RefreshAsync(login.RefreshToken, cancellationToken);
            if (tokens.RefreshToken is { } rotated)
            {
                (login with { RefreshToken = rotated }).Save(path);
            }

            return _current = new AccessToken(tokens.AccessToken, time.GetUtcNow() + tokens.ExpiresIn);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        var waited = time.GetTimestamp();
        while (true)
        {
            try
            {
                return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (time.GetElapsedTime(waited) < LockWait)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
            }
        }
    }
}
