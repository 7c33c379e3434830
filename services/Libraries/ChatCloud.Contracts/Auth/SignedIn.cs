namespace ChatCloud.Contracts.Auth;

/// <summary>An account authenticated; <see cref="Via"/> is <c>"web"</c> or <c>"tcp"</c> (IRC SASL).</summary>
[EventName("auth.signed-in.v1")]
public sealed record SignedIn(Guid AccountId, string Via) : IntegrationEvent;
