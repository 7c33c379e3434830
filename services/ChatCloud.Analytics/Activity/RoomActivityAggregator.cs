using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Analytics.Activity;

/// <summary>
/// <c>messages.message-stored.v1</c> into the hourly room buckets and the day's active accounts: a
/// PRIVMSG or NOTICE counts as a message (and its length, never its text), a JOIN or PART as such.
/// A batch is one transaction with the inbox mark, so a redelivered or replayed event is counted
/// exactly once — the aggregates are a pure function of the events.
/// </summary>
public sealed class RoomActivityAggregator(NpgsqlDataSource dataSource, ActivityMetrics metrics) : IBatchEventHandler<MessageStored>
{
    private sealed record Bucket(string Room, DateTimeOffset Hour)
    {
        public long Messages { get; set; }
        public long Characters { get; set; }
        public long Joins { get; set; }
        public long Parts { get; set; }
    }

    public async Task HandleBatchAsync(IReadOnlyList<EventDelivery<MessageStored>> batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var fresh = await Inbox.TryMarkHandledAsync(connection, transaction, batch[0].Context.Queue, batch.Select(d => d.Event.Id).ToList(), cancellationToken);
        // Summed here first: one INSERT … ON CONFLICT may not touch a row twice.
        var buckets = new Dictionary<(string, DateTimeOffset), Bucket>();
        var active = new HashSet<(DateOnly, Guid)>();
        foreach (var stored in batch.Select(d => d.Event).Where(e => fresh.Remove(e.Id)))
        {
            var hour = new DateTimeOffset(stored.ServerTime.UtcDateTime.Date.AddHours(stored.ServerTime.UtcDateTime.Hour), TimeSpan.Zero);
            var room = IrcCaseMapping.Rfc1459.Fold(stored.Room);
            if (!buckets.TryGetValue((room, hour), out var bucket))
            {
                buckets[(room, hour)] = bucket = new Bucket(room, hour);
            }
            switch (stored.Kind)
            {
                case "PRIVMSG" or "NOTICE":
                    bucket.Messages++;
                    bucket.Characters += stored.Text.Length;
                    if (stored.AuthorAccountId is { } account)
                    {
                        active.Add((DateOnly.FromDateTime(stored.ServerTime.UtcDateTime), account));
                    }
                    break;
                case "JOIN":
                    bucket.Joins++;
                    break;
                case "PART":
                    bucket.Parts++;
                    break;
            }
        }
        var counted = buckets.Values.Where(b => b.Messages + b.Joins + b.Parts > 0).ToList();
        if (counted.Count > 0)
        {
            await using var upsert = new NpgsqlCommand("""
                INSERT INTO analytics.room_hours (room, hour, messages, characters, joins, parts)
                SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
                ON CONFLICT (room, hour) DO UPDATE SET
                    messages = room_hours.messages + excluded.messages, characters = room_hours.characters + excluded.characters,
                    joins = room_hours.joins + excluded.joins, parts = room_hours.parts + excluded.parts
                """, connection, transaction);
            upsert.Parameters.AddWithValue(counted.Select(b => b.Room).ToArray());
            upsert.Parameters.AddWithValue(counted.Select(b => b.Hour).ToArray());
            upsert.Parameters.AddWithValue(counted.Select(b => b.Messages).ToArray());
            upsert.Parameters.AddWithValue(counted.Select(b => b.Characters).ToArray());
            upsert.Parameters.AddWithValue(counted.Select(b => b.Joins).ToArray());
            upsert.Parameters.AddWithValue(counted.Select(b => b.Parts).ToArray());
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        if (active.Count > 0)
        {
            await using var mark = new NpgsqlCommand(
                "INSERT INTO analytics.active_accounts (day, account) SELECT * FROM unnest($1::date[], $2::uuid[]) ON CONFLICT DO NOTHING",
                connection, transaction);
            mark.Parameters.AddWithValue(active.Select(a => a.Item1).ToArray());
            mark.Parameters.AddWithValue(active.Select(a => a.Item2).ToArray());
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        metrics.Counted(counted.Sum(b => b.Messages), counted.Sum(b => b.Joins));
    }
}
