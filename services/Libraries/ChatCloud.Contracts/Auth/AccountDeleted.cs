namespace ChatCloud.Contracts.Auth;

/// <summary>
/// An account was deleted at its owner's request. Services holding its personal data remove or
/// anonymise it (docs/privacy.md); the messages service renames its authorship to
/// <see cref="Tombstone"/> (e.g. <c>deleted-1a2b3c4d</c>) and drops its memberships.
/// </summary>
[EventName("auth.account-deleted.v1")]
public sealed record AccountDeleted(Guid AccountId, string AccountName, string Tombstone) : IntegrationEvent;
