using System.Text;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using Npgsql;

namespace ChatCloud.Messages.Rooms;

/// <summary>
/// LIST against the authority, which holds every room of every edge (Modern IRC "LIST message",
/// ELIST <c>M</c> and <c>U</c>). Only rooms with members are shown (an empty room is not a channel
/// to anyone), only channels (conversations share <c>messages.rooms</c> under names without <c>#</c>),
/// and a secret room only to its own members.
/// </summary>
internal sealed class RoomDirectory(NpgsqlDataSource dataSource)
{
    /// <param name="masks">IRC wildcard masks on the room name (none: every room); compared under rfc1459.</param>
    /// <param name="min">The fewest members a room listed has.</param>
    /// <param name="max">The most members a room listed has.</param>
    /// <param name="asker">The nick asking, which sees the secret rooms it is in.</param>
    public async Task<List<RoomListing>> ListAsync(
        IReadOnlyList<string> masks, int min, int max, int limit, string? asker, CancellationToken cancellationToken)
    {
        // One aggregate over the members table: a room's count and whether the asker is in it are read
        // together, so the +s check and the counts agree; ordered by name for a stable answer.
        await using var select = dataSource.CreateCommand("""
            SELECT r.name, count(*)::int AS members, coalesce(r.topic, ''), strpos(r.modes, 's') > 0 AS secret
            FROM messages.rooms r
            JOIN messages.members m ON m.room_id = r.id
            WHERE r.name_folded LIKE '#%'
              AND (cardinality($1::text[]) = 0 OR r.name_folded LIKE ANY ($1::text[]))
            GROUP BY r.id
            HAVING count(*) BETWEEN $2 AND $3
               AND (strpos(r.modes, 's') = 0 OR bool_or(m.nick_folded = $4))
            ORDER BY r.name_folded
            LIMIT $5
            """);
        select.Parameters.Add(new() { Value = masks.Select(LikePattern).ToArray() });
        select.Parameters.Add(new() { Value = min });
        select.Parameters.Add(new() { Value = max });
        select.Parameters.Add(new() { Value = asker is null ? "" : IrcCaseMapping.Rfc1459.Fold(asker) });
        select.Parameters.Add(new() { Value = limit });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        List<RoomListing> rooms = [];
        while (await reader.ReadAsync(cancellationToken))
        {
            rooms.Add(new RoomListing(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetBoolean(3)));
        }
        return rooms;
    }

    /// <summary>
    /// An IRC mask as a LIKE pattern on the folded name: <c>*</c> is <c>%</c>, <c>?</c> is <c>_</c>,
    /// <c>\*</c> <c>\?</c> <c>\\</c> are literal (as <see cref="IrcMask"/> reads them), and LIKE's own
    /// <c>%</c> <c>_</c> <c>\</c> are escaped. Folding is per literal character, after the escapes are
    /// read: rfc1459 folds <c>\</c> to <c>|</c>, which must not eat an escape.
    /// </summary>
    internal static string LikePattern(string mask)
    {
        var pattern = new StringBuilder(mask.Length + 8);
        for (var i = 0; i < mask.Length; i++)
        {
            var c = mask[i];
            if (c == '*')
            {
                pattern.Append('%');
                continue;
            }
            if (c == '?')
            {
                pattern.Append('_');
                continue;
            }
            if (c == '\\' && i + 1 < mask.Length && mask[i + 1] is '*' or '?' or '\\')
            {
                c = mask[++i];
            }
            var folded = IrcCaseMapping.Rfc1459.Fold(c);
            if (folded is '%' or '_' or '\\')
            {
                pattern.Append('\\');
            }
            pattern.Append(folded);
        }
        return pattern.ToString();
    }
}
