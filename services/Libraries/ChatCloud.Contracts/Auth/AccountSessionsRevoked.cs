namespace ChatCloud.Contracts.Auth;

/// <summary>
/// Every session of an account was ended (sign-out everywhere, a password change, deletion): its
/// refresh tokens are revoked, and every TCP edge closes the account's live connections with
/// <see cref="Reason"/> (e.g. <c>Signed out</c>), shown as <c>ERROR :Closing Link: host (Reason)</c>.
/// </summary>
[EventName("auth.account-sessions-revoked.v1")]
public sealed record AccountSessionsRevoked(Guid AccountId, string Reason) : IntegrationEvent;
