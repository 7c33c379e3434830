namespace ChatCloud.Contracts;

/// <summary>
/// A fact one service tells the others about. <see cref="Id"/> is what consumers deduplicate on
/// (delivery is at least once), so a retried publish or an outbox re-send keeps it.
/// </summary>
public abstract record IntegrationEvent
{
    /// <summary>Version 7, so ids sort by creation time in indexes and logs.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>When the fact happened; a producer with an injected <see cref="TimeProvider"/> sets it from that.</summary>
    public DateTimeOffset OccurredAt { get; init; } = TimeProvider.System.GetUtcNow();
}
