using Npgsql;

namespace ChatCloud.Messages.Posting;

/// <summary>
/// Hands out each room's message sequence numbers. The room rows are created on first use and
/// stay locked until the caller's transaction ends, so concurrent batches for one room take
/// consecutive ranges in commit order, and a room's messages have one order for every reader.
/// </summary>
internal static class RoomSequences
{
    /// <param name="counts">Per folded room name: its name as posted and how many numbers it needs.</param>
    /// <returns>Per folded room name: the room's id and the first number of its range.</returns>
    public static async Task<Dictionary<string, (long RoomId, long First)>> ReserveAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyDictionary<string, (string Name, int Count)> counts,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Rooms are created and locked in one order (by folded name), so two writers never wait for
        // each other crosswise.
        var folded = counts.Keys.Order(StringComparer.Ordinal).ToArray();
        var names = Array.ConvertAll(folded, key => counts[key].Name);
        var increments = Array.ConvertAll(folded, key => counts[key].Count);
        await using (var create = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("""
                    INSERT INTO messages.rooms (name, name_folded, created_at)
                    SELECT name, folded, $3 FROM unnest($1::text[], $2::text[]) AS room(name, folded)
                    ON CONFLICT (name_folded) DO NOTHING
                    """)
                {
                    Parameters = { new() { Value = names }, new() { Value = folded }, new() { Value = now.ToUniversalTime() } },
                },
                new("""SELECT 1 FROM messages.rooms WHERE name_folded = ANY($1) ORDER BY name_folded COLLATE "C" FOR UPDATE""")
                {
                    Parameters = { new() { Value = folded } },
                },
            },
        })
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var reserve = new NpgsqlCommand("""
            UPDATE messages.rooms AS room SET last_sequence = room.last_sequence + wanted.count
            FROM unnest($1::text[], $2::int[]) AS wanted(folded, count)
            WHERE room.name_folded = wanted.folded
            RETURNING room.name_folded, room.id, room.last_sequence - wanted.count + 1
            """, connection, transaction)
        {
            Parameters = { new() { Value = folded }, new() { Value = increments } },
        };
        Dictionary<string, (long, long)> ranges = new(StringComparer.Ordinal);
        await using var reader = await reserve.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ranges[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }
        return ranges;
    }
}
