using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace ChatCloud.Messages.Privacy;

public sealed record ExportedMembership(string Room, string Nick, DateTimeOffset JoinedAt);

/// <summary>A message the account wrote: <see cref="Target"/> is the room, or the recipient of a direct message.</summary>
public sealed record ExportedMessage(string Target, string MsgId, string Kind, string Text, DateTimeOffset ServerTime);

public sealed record ExportedReadMarker(string Target, DateTimeOffset ReadAt);

public sealed record MessagesExport(
    IReadOnlyList<ExportedMembership> Memberships, IReadOnlyList<ExportedMessage> Messages, IReadOnlyList<ExportedReadMarker> ReadMarkers);

/// <summary>
/// <c>GET /accounts/{id}/export</c>: the messages service's part of a user's data export, asked by
/// the auth service (docs/privacy.md). Internal like the room authority's API (outside
/// <c>/api/messages</c>, so the gateway does not expose it). Messages the account wrote, not
/// redacted ones; rooms it is in now; its read markers.
/// </summary>
public static class AccountExportApi
{
    public static IEndpointRouteBuilder MapAccountExportApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/accounts/{account:guid}/export", ExportAsync);
        return endpoints;
    }

    private static async Task<Ok<MessagesExport>> ExportAsync(Guid account, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot, so the three lists agree with each other.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var memberships = await ReadAsync(connection, transaction, """
            SELECT r.name, m.nick, m.joined_at FROM messages.members m JOIN messages.rooms r ON r.id = m.room_id
            WHERE m.account = $1 ORDER BY m.joined_at
            """, account, reader => new ExportedMembership(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)), cancellationToken);
        var messages = await ReadAsync(connection, transaction, """
            SELECT CASE WHEN r.name_folded LIKE '#%' THEN r.name ELSE coalesce(m.arguments ->> 0, '') END, m.msgid, m.kind, m.text, m.server_time
            FROM messages.messages m JOIN messages.rooms r ON r.id = m.room_id
            WHERE m.author_account = $1 AND m.kind IN ('PRIVMSG', 'NOTICE') AND m.redacted_at IS NULL
            ORDER BY m.server_time, m.sequence
            """, account, reader => new ExportedMessage(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4)), cancellationToken);
        var markers = await ReadAsync(connection, transaction,
            "SELECT target, read_at FROM messages.read_markers WHERE account = $1 ORDER BY target_folded",
            account, reader => new ExportedReadMarker(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new MessagesExport(memberships, messages, markers));
    }

    private static async Task<List<T>> ReadAsync<T>(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Guid account, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue(account);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(read(reader));
        }
        return list;
    }
}
