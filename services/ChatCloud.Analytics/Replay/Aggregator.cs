using System.Text.Json;
using ChatCloud.Contracts;
using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Analytics.Replay;

/// <summary>
/// One kind of event folded into the aggregates, live and on a rebuild through the same
/// <see cref="FoldAsync"/>. Live, each delivery's fact is appended to the event log (keyed by the
/// event id, which makes it the inbox too) and folded in one transaction, so the aggregates are at every commit the fold of the log
/// (docs/analytics.md, "Replay"). The log keeps the fact, not the event: what the fold reads and no
/// more — never a message's text, a name, or the people suggested to someone (docs/privacy.md).
/// </summary>
/// <typeparam name="TFact">What the fold needs of one event; serialised into the log as JSON.</typeparam>
public abstract class Aggregator<TEvent, TFact>(NpgsqlDataSource dataSource) : IBatchEventHandler<TEvent>, IReplayable
    where TEvent : IntegrationEvent
    where TFact : class
{
    public string EventName { get; } = EventNames.Of<TEvent>();

    /// <summary>The fact to log and fold; null when the event counts for nothing here.</summary>
    protected abstract TFact? FactOf(TEvent delivered);

    /// <summary>The account the fact is about, which the log forgets with the account; null for none.</summary>
    protected abstract Guid? AccountOf(TFact fact);

    /// <summary>Adds the facts to the aggregates; must not depend on the order of the facts, nor on other kinds' facts.</summary>
    protected abstract Task FoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<TFact> facts, CancellationToken cancellationToken);

    /// <summary>After a live commit only (metrics): a rebuild counts nothing new.</summary>
    protected virtual void Counted(IReadOnlyList<TFact> facts)
    {
    }

    /// <summary>What the log keeps of <paramref name="delivered"/>, and the fact folded; null when it counts for nothing here.</summary>
    public (EventLogEntry Entry, TFact Fact)? Log(TEvent delivered)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        return FactOf(delivered) is { } fact
            ? (new EventLogEntry(delivered.Id, EventName, delivered.OccurredAt, AccountOf(fact), JsonSerializer.Serialize(fact, EventLog.Json)), fact)
            : null;
    }

    public async Task HandleBatchAsync(IReadOnlyList<EventDelivery<TEvent>> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The log is the inbox: its key is the event id, and only what it newly took is folded, so a
        // redelivered event counts once (an event that counts for nothing needs no guard). A separate
        // inbox row per event was a third write per chat message for nothing.
        var entries = new List<EventLogEntry>();
        var facts = new Dictionary<Guid, TFact>();
        foreach (var @event in batch.Select(d => d.Event).DistinctBy(e => e.Id))
        {
            if (Log(@event) is var (entry, fact))
            {
                facts[@event.Id] = fact;
                entries.Add(entry);
            }
        }
        // The log first: a rebuild waits for the transactions that hold it, and blocks the others
        // before they touch an aggregate (EventLog.LockForRebuildAsync).
        var logged = await EventLog.AppendAsync(connection, transaction, entries, cancellationToken);
        var folded = facts.Where(f => logged.Contains(f.Key)).Select(f => f.Value).ToList();
        if (folded.Count > 0)
        {
            await FoldAsync(connection, transaction, folded, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        Counted(folded);
    }

    public Task ReplayAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> payloads, CancellationToken cancellationToken) =>
        FoldAsync(connection, transaction,
            [.. payloads.Select(p => JsonSerializer.Deserialize<TFact>(p, EventLog.Json) ?? throw new JsonException($"A {EventName} fact in the log is JSON null."))],
            cancellationToken);
}

/// <summary>An aggregator as the rebuild sees it: the name of the events it folds, and the fold.</summary>
public interface IReplayable
{
    string EventName { get; }

    Task ReplayAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> payloads, CancellationToken cancellationToken);
}

/// <summary>The account id that stands for a deleted account in the log and in <c>analytics.connections</c> (docs/privacy.md).</summary>
public static class ForgottenAccount
{
    public static readonly Guid Id = Guid.Empty;

    /// <summary>Whether a per-account row (active day, cohort, impression, join) may be kept for <paramref name="account"/>.</summary>
    public static bool IsKnown(Guid? account) => account is { } id && id != Id;
}
