namespace ChatCloud.Contracts.History;

/// <summary>
/// A person opened a room's latest page (predictive prefetch, docs/ml.md): <see cref="Hit"/> when it
/// was served from a cached page and the room had been hinted for this account (prefetched for them),
/// a miss otherwise; <see cref="ServeMilliseconds"/> is how long the history service took to answer
/// (access check included), so the latency a hit saves can be measured. User activity: best-effort.
/// </summary>
[EventName("history.prefetch-outcome.v1")]
public sealed record PrefetchOutcome(Guid AccountId, string Room, bool Hit, double ServeMilliseconds) : IntegrationEvent;
