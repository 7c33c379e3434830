using System.Collections.Concurrent;
using ChatCloud.TcpEdge.Accounts;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>
/// Stands in for the auth service in unit tests of the edge's command logic only: a dictionary of
/// accounts, or an unreachable service. The integration tests use the real auth service.
/// </summary>
internal sealed class FakeAccountService(bool unavailable = false) : IAccountService
{
    private readonly ConcurrentDictionary<string, (AccountIdentity Account, string Password)> _accounts = new(ChatCloud.Irc.IrcCaseMapping.Rfc1459);

    /// <summary>Every password check asked, in order (names only).</summary>
    public ConcurrentQueue<string> Verified { get; } = new();

    public FakeAccountService With(string name, string password)
    {
        _accounts[name] = (new AccountIdentity(Guid.NewGuid(), name), password);
        return this;
    }

    public Task<SignInResult> VerifyAsync(string name, string password, string clientAddress, CancellationToken cancellationToken)
    {
        Verified.Enqueue(name);
        if (unavailable)
        {
            return Task.FromResult(new SignInResult(SignInOutcome.Unavailable));
        }
        return Task.FromResult(_accounts.TryGetValue(name, out var entry) && entry.Password == password
            ? new SignInResult(SignInOutcome.SignedIn, entry.Account)
            : new SignInResult(SignInOutcome.Refused));
    }

    private readonly ConcurrentDictionary<string, AccountIdentity> _tokens = new(StringComparer.Ordinal);

    /// <summary>An access token that the stand-in takes for <paramref name="name"/>'s (the real check is the JWKS's, in integration tests).</summary>
    public FakeAccountService WithToken(string token, string name)
    {
        _tokens[token] = new AccountIdentity(Guid.NewGuid(), name);
        return this;
    }

    public Task<SignInResult> VerifyAccessTokenAsync(string accessToken, CancellationToken cancellationToken)
    {
        if (unavailable)
        {
            return Task.FromResult(new SignInResult(SignInOutcome.Unavailable));
        }
        return Task.FromResult(_tokens.TryGetValue(accessToken, out var account)
            ? new SignInResult(SignInOutcome.SignedIn, account)
            : new SignInResult(SignInOutcome.Refused));
    }

    public Task<RegistrationResult> RegisterAsync(string name, string? email, string password, string clientAddress, CancellationToken cancellationToken)
    {
        if (unavailable)
        {
            return Task.FromResult(new RegistrationResult(RegistrationOutcome.Unavailable));
        }
        if (password.Length < 8)
        {
            return Task.FromResult(new RegistrationResult(RegistrationOutcome.WeakPassword, Message: "Use at least 8 characters."));
        }
        var account = new AccountIdentity(Guid.NewGuid(), name);
        return Task.FromResult(_accounts.TryAdd(name, (account, password))
            ? new RegistrationResult(RegistrationOutcome.Created, account)
            : new RegistrationResult(RegistrationOutcome.NameTaken));
    }
}
