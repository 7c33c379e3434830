using ChatCloud.Analytics.Replay;
using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using Npgsql;

namespace ChatCloud.Analytics.Activity;

/// <summary>What the room figures need of a stored line: no text, only its length.</summary>
public sealed record RoomLine(string Room, DateTimeOffset At, string Kind, int Characters, Guid? Author);

/// <summary>
/// <c>messages.message-stored.v1</c> into the hourly room buckets and the day's active accounts: a
/// PRIVMSG or NOTICE counts as a message (and its length, never its text), a JOIN or PART as such.
/// A batch is one transaction with the inbox mark and the log, so a redelivered event is counted
/// exactly once and a rebuild gives the same figures.
/// </summary>
public sealed class RoomActivityAggregator(NpgsqlDataSource dataSource, ActivityMetrics metrics) : Aggregator<MessageStored, RoomLine>(dataSource)
{
    private sealed record Bucket(string Room, DateTimeOffset Hour)
    {
        public long Messages { get; set; }
        public long Characters { get; set; }
        public long Joins { get; set; }
        public long Parts { get; set; }
    }

    protected override RoomLine? FactOf(MessageStored stored) =>
        stored.Kind is "PRIVMSG" or "NOTICE" or "JOIN" or "PART"
            ? new RoomLine(IrcCaseMapping.Rfc1459.Fold(stored.Room), stored.ServerTime, stored.Kind,
                stored.Kind is "PRIVMSG" or "NOTICE" ? stored.Text.Length : 0, stored.Kind is "PRIVMSG" or "NOTICE" ? stored.AuthorAccountId : null)
            : null;

    protected override Guid? AccountOf(RoomLine fact) => fact.Author;

    protected override async Task FoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RoomLine> facts, CancellationToken cancellationToken)
    {
        // Summed here first: one INSERT … ON CONFLICT may not touch a row twice.
        var buckets = new Dictionary<(string, DateTimeOffset), Bucket>();
        var active = new HashSet<(DateOnly, Guid)>();
        foreach (var line in facts)
        {
            var hour = Hours.Of(line.At);
            if (!buckets.TryGetValue((line.Room, hour), out var bucket))
            {
                buckets[(line.Room, hour)] = bucket = new Bucket(line.Room, hour);
            }
            switch (line.Kind)
            {
                case "PRIVMSG" or "NOTICE":
                    bucket.Messages++;
                    bucket.Characters += line.Characters;
                    if (ForgottenAccount.IsKnown(line.Author))
                    {
                        active.Add((DateOnly.FromDateTime(line.At.UtcDateTime), line.Author!.Value));
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
        var counted = buckets.Values.ToList();
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO analytics.room_hours (room, hour, messages, characters, joins, parts)
            SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[])
            ON CONFLICT (room, hour) DO UPDATE SET
                messages = room_hours.messages + excluded.messages, characters = room_hours.characters + excluded.characters,
                joins = room_hours.joins + excluded.joins, parts = room_hours.parts + excluded.parts
            """, connection, transaction))
        {
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
    }

    protected override void Counted(IReadOnlyList<RoomLine> facts) =>
        metrics.Counted(facts.Count(f => f.Kind is "PRIVMSG" or "NOTICE"), facts.Count(f => f.Kind == "JOIN"));
}

/// <summary>The hour bucket (UTC) an instant falls in.</summary>
public static class Hours
{
    public static DateTimeOffset Of(DateTimeOffset at) =>
        new(at.UtcDateTime.Date.AddHours(at.UtcDateTime.Hour), TimeSpan.Zero);
}
