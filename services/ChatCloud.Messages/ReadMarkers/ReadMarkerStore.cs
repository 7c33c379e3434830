using ChatCloud.Contracts.Activity;
using ChatCloud.Contracts.Messages;
using ChatCloud.Contracts.ReadMarkers;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Messages.ReadMarkers;

/// <summary>
/// Read positions (IRCv3 draft/read-marker) per account and target, in <c>messages.read_markers</c>.
/// A position only moves forward and never past now (the spec's implementation note); a move is
/// announced as <see cref="ReadMarkerSet"/> through the outbox, in the transaction that stored it,
/// so every connection of the account hears of exactly the positions that were kept. Every read,
/// moved or not, from either edge, is also told as user activity (a room opened and read, issue 7).
/// </summary>
internal sealed class ReadMarkerStore(NpgsqlDataSource dataSource, TimeProvider time, BestEffortPublisher? activity = null)
{
    public async Task<ReadMarker> GetAsync(Guid account, string target, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return new ReadMarker(target, await ReadAsync(connection, null, account, target, cancellationToken));
    }

    public async Task<ReadMarker> SetAsync(Guid account, ReadMarkerRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var readAt = (request.ReadAt < now ? request.ReadAt : now).ToUniversalTime();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        DateTimeOffset? moved;
        await using (var upsert = new NpgsqlCommand(
            """
            INSERT INTO messages.read_markers (account, target_folded, target, read_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (account, target_folded) DO UPDATE SET read_at = EXCLUDED.read_at, target = EXCLUDED.target
                WHERE messages.read_markers.read_at < EXCLUDED.read_at
            RETURNING read_at
            """, connection, transaction)
        {
            Parameters =
            {
                new() { Value = account }, new() { Value = IrcCaseMapping.Rfc1459.Fold(request.Target) },
                new() { Value = request.Target }, new() { Value = readAt },
            },
        })
        {
            moved = await upsert.ExecuteScalarAsync(cancellationToken) is DateTime written ? new DateTimeOffset(written, TimeSpan.Zero) : null;
        }
        if (moved is { } kept)
        {
            await OutboxWriter.AddAsync(connection, transaction,
                new ReadMarkerSet(account, request.Target, kept, request.Edge, request.Session) { OccurredAt = now }, cancellationToken);
        }
        // Not moved: the stored position is as new or newer, and the spec has the server answer with it.
        var current = moved ?? await ReadAsync(connection, transaction, account, request.Target, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var target = IrcCaseMapping.IsValidChannelName(request.Target) ? IrcCaseMapping.Rfc1459.Fold(request.Target) : RoomRead.Direct;
        activity?.Publish(new RoomRead(account, target) { OccurredAt = now });
        return new ReadMarker(request.Target, current);
    }

    /// <summary>When the message <paramref name="msgid"/> (of any room or conversation) was stored, or null when there is none.</summary>
    public async Task<DateTimeOffset?> TimeOfAsync(string msgid, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var select = new NpgsqlCommand("SELECT server_time FROM messages.messages WHERE msgid = $1", connection)
        {
            Parameters = { new() { Value = msgid } },
        };
        return await select.ExecuteScalarAsync(cancellationToken) is DateTime stored ? new DateTimeOffset(stored, TimeSpan.Zero) : null;
    }

    private static async Task<DateTimeOffset?> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid account, string target, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(
            "SELECT read_at FROM messages.read_markers WHERE account = $1 AND target_folded = $2", connection, transaction)
        {
            Parameters = { new() { Value = account }, new() { Value = IrcCaseMapping.Rfc1459.Fold(target) } },
        };
        return await select.ExecuteScalarAsync(cancellationToken) is DateTime read ? new DateTimeOffset(read, TimeSpan.Zero) : null;
    }
}
