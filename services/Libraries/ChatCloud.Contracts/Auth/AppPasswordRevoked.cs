namespace ChatCloud.Contracts.Auth;

/// <summary>
/// An app password was revoked by its owner: every TCP edge closes the connections that signed in
/// with it (docs/security.md, "Long-lived TCP sessions"), and only those — the account's other
/// clients, signed in with the password, a token or another app password, stay connected.
/// </summary>
[EventName("auth.app-password-revoked.v1")]
public sealed record AppPasswordRevoked(Guid AccountId, Guid AppPasswordId) : IntegrationEvent;
