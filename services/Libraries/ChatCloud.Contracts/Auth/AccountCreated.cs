namespace ChatCloud.Contracts.Auth;

/// <summary>An account was registered (web sign-up, IRC <c>REGISTER</c>, or an administrator).</summary>
[EventName("auth.account-created.v1")]
public sealed record AccountCreated(Guid AccountId, string AccountName, string[] Roles) : IntegrationEvent;
