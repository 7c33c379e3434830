namespace ChatCloud.Contracts.Auth;

/// <summary>
/// An account authenticated; <see cref="Via"/> is <see cref="SignedInVia.Web"/> or <see cref="SignedInVia.Tcp"/>
/// (IRC: SASL, PASS, REGISTER). User activity (issue 7): published best-effort, so a few may be lost
/// when the broker is slow, and counted as lost.
/// </summary>
[EventName("auth.signed-in.v1")]
public sealed record SignedIn(Guid AccountId, string Via) : IntegrationEvent
{
    /// <summary>
    /// The connection, unique across the suite (<c>&lt;edge&gt;/&lt;session&gt;</c>), that a later
    /// <see cref="SignedOut"/> names too, so open connections can be counted; null in events of
    /// edges older than it.
    /// </summary>
    public string? Connection { get; init; }
}

public static class SignedInVia
{
    public const string Web = "web";
    public const string Tcp = "tcp";
}
