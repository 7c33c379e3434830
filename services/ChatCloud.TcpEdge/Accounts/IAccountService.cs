namespace ChatCloud.TcpEdge.Accounts;

/// <summary>
/// The account a connection is logged in to (IRCv3: its "account name"); <see cref="AppPasswordId"/>
/// is the app password it signed in with, if any, so revoking that password closes it.
/// </summary>
public sealed record AccountIdentity(Guid Id, string Name, Guid? AppPasswordId = null);

public enum SignInOutcome
{
    SignedIn,

    /// <summary>Wrong name or password; the auth service does not say which.</summary>
    Refused,

    /// <summary>The auth service did not answer in time or failed: nothing is known, try again later.</summary>
    Unavailable,
}

/// <summary>The outcome; for a token, <see cref="IssuedAt"/> is its <c>iat</c>, which the auth service compares with the account's last sign-out.</summary>
public sealed record SignInResult(SignInOutcome Outcome, AccountIdentity? Account = null, DateTimeOffset? IssuedAt = null);

public enum RegistrationOutcome
{
    Created,
    NameTaken,
    BadName,
    WeakPassword,
    BadEmail,
    Unavailable,
}

/// <summary>The outcome of a sign-up; <see cref="Message"/> is the auth service's reason, fit to show the user.</summary>
public sealed record RegistrationResult(RegistrationOutcome Outcome, AccountIdentity? Account = null, string? Message = null);

/// <summary>
/// The auth service as the edge sees it: one call per sign-in or sign-up, each bounded by
/// <c>Irc:AccountServiceTimeout</c>. Never throws for the auth service's failures: they are
/// <see cref="SignInOutcome.Unavailable"/>, so a client is told and no connection hangs.
/// </summary>
public interface IAccountService
{
    /// <summary><paramref name="clientAddress"/>: the IRC client's IP, which the auth service's per-address limits count.</summary>
    Task<SignInResult> VerifyAsync(string name, string password, string clientAddress, CancellationToken cancellationToken);

    /// <summary>An access token of the auth service (SASL OAUTHBEARER), checked against its cached JWKS.</summary>
    Task<SignInResult> VerifyAccessTokenAsync(string accessToken, CancellationToken cancellationToken);

    Task<RegistrationResult> RegisterAsync(string name, string? email, string password, string clientAddress, CancellationToken cancellationToken);
}
