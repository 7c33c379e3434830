using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatCloud.Messages.Rooms;

/// <summary>
/// REDACT of a room message (IRCv3 draft/message-redaction), decided under the room's row lock like
/// every room command. The message keeps its row and sequence but loses its text and tags, and the
/// history views stop showing it; a <c>REDACT</c> event is appended to the room's stream in the same
/// transaction, so every edge relays it in order with the room's messages.
/// </summary>
internal sealed class RoomRedaction(NpgsqlDataSource dataSource, TimeProvider time, IOptions<RedactionOptions> options)
{
    /// <summary>Reasons are cut to this many characters, as KICK comments are.</summary>
    public const int ReasonLength = RoomModeration.KickLength;

    private sealed record Target(Guid? AuthorAccount, string AuthorNick, DateTimeOffset ServerTime);

    // REDACT <target> <msgid> [:<reason>] — the author (same account; a guest: a guest with the same
    // nick) within Redaction:AuthorWindow, or a room operator within Redaction:OperatorWindow.
    public async Task<RoomRefusal?> RedactAsync(string name, RedactRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = await RoomState.LockForMemberAsync(connection, transaction, name, request.Actor.Nick, cancellationToken);
        if (locked.Room is not { } room)
        {
            // Outside the room nothing is told about its messages, not even whether one exists.
            return RoomRefusal.RedactInvalidTarget;
        }
        if (await FindAsync(connection, transaction, room.Id, request.MessageId, cancellationToken) is not { } message)
        {
            return RoomRefusal.UnknownMsgid;
        }
        var isAuthor = message.AuthorAccount is { } account
            ? request.Actor.AccountId == account
            : request.Actor.AccountId is null && IrcCaseMapping.Rfc1459.Equals(request.Actor.Nick, message.AuthorNick);
        if (!locked.IsOperator && !isAuthor)
        {
            return RoomRefusal.RedactForbidden;
        }
        var now = time.GetUtcNow();
        var window = locked.IsOperator ? options.Value.OperatorWindow : options.Value.AuthorWindow;
        if (window is { } limit && now - message.ServerTime > limit)
        {
            return RoomRefusal.RedactWindowExpired(limit);
        }
        await using (var update = new NpgsqlCommand(
            "UPDATE messages.messages SET text = '', client_tags = NULL, redacted_at = $3 WHERE room_id = $1 AND msgid = $2", connection, transaction)
        {
            Parameters = { new() { Value = room.Id }, new() { Value = request.MessageId }, new() { Value = now.ToUniversalTime() } },
        })
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        var reason = request.Reason ?? "";
        reason = reason.Length <= ReasonLength ? reason : reason[..ReasonLength];
        await RoomStream.AppendAsync(connection, transaction, room, request.Actor, "REDACT", reason, [request.MessageId], now, time, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>The room's message (PRIVMSG or NOTICE) not yet redacted, locked; null otherwise.</summary>
    private static async Task<Target?> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long roomId, string msgid, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(
            """
            SELECT author_account, author_nick, server_time FROM messages.messages
            WHERE room_id = $1 AND msgid = $2 AND kind IN ('PRIVMSG', 'NOTICE') AND redacted_at IS NULL
            FOR UPDATE
            """, connection, transaction)
        {
            Parameters = { new() { Value = roomId }, new() { Value = msgid } },
        };
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Target(reader.IsDBNull(0) ? null : reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2))
            : null;
    }
}
