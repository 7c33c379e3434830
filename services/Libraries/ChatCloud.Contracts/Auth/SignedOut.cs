namespace ChatCloud.Contracts.Auth;

/// <summary>
/// A signed-in connection ended (a QUIT, a dropped TCP connection, a closed web tab), the pair of the
/// <see cref="SignedIn"/> with the same <see cref="Connection"/>. User activity (issue 7), published
/// best-effort like the sign-in; an edge that crashes publishes none, so consumers bound how long a
/// connection can stay open without one.
/// </summary>
[EventName("auth.signed-out.v1")]
public sealed record SignedOut(Guid AccountId, string Via, string Connection) : IntegrationEvent;
