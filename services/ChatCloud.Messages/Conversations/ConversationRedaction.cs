using ChatCloud.Contracts.Messages;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using ChatCloud.Messages.Posting;
using ChatCloud.Messages.Rooms;
using ChatCloud.Messaging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatCloud.Messages.Conversations;

/// <summary>
/// REDACT of a direct message (IRCv3 draft/message-redaction). A conversation has no operators, so
/// only its author may take a message back, within <see cref="RedactionOptions.AuthorWindow"/>. The
/// row keeps its sequence but loses its text and tags (the history view stops showing it), and a
/// <c>REDACT</c> row is appended to the conversation's stream in the same transaction, announced as a
/// <see cref="DirectMessageStored"/> so the edges holding either party relay it in order.
/// </summary>
internal sealed class ConversationRedaction(NpgsqlDataSource dataSource, TimeProvider time, IOptions<RedactionOptions> options)
{
    private sealed record Target(string Conversation, Guid? AuthorAccount, string AuthorNick, DateTimeOffset ServerTime, string Recipient);

    public async Task<RoomRefusal?> RedactAsync(DirectRedactRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Outside the conversations of the actor nothing is told about a message, not even whether it exists.
        if (await FindAsync(connection, transaction, request, cancellationToken) is not { } message)
        {
            return RoomRefusal.UnknownMsgid;
        }
        var isAuthor = message.AuthorAccount is { } account
            ? request.Actor.AccountId == account
            : request.Actor.AccountId is null && IrcCaseMapping.Rfc1459.Equals(request.Actor.Nick, message.AuthorNick);
        if (!isAuthor)
        {
            return RoomRefusal.RedactForbidden;
        }
        var now = time.GetUtcNow();
        if (options.Value.AuthorWindow is { } window && now - message.ServerTime > window)
        {
            return RoomRefusal.RedactWindowExpired(window);
        }
        await using (var update = new NpgsqlCommand(
            "UPDATE messages.messages SET text = '', client_tags = NULL, redacted_at = $2 WHERE msgid = $1", connection, transaction)
        {
            Parameters = { new() { Value = request.MessageId }, new() { Value = now.ToUniversalTime() } },
        })
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        await AppendAsync(connection, transaction, request, message, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private async Task AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DirectRedactRequest request, Target message, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, (string Name, int Count)>(StringComparer.Ordinal) { [message.Conversation] = (message.Conversation, 1) };
        var (conversationId, sequence) = (await RoomSequences.ReserveAsync(connection, transaction, counts, now, cancellationToken))[message.Conversation];
        var reason = request.Reason ?? "";
        reason = reason.Length <= RoomRedaction.ReasonLength ? reason : reason[..RoomRedaction.ReasonLength];
        var actor = request.Actor;
        // Like a message's row, the event's first argument is the recipient (the target of its line).
        var row = new MessageStored(MessageIds.New(time), Guid.CreateVersion7(now), message.Conversation, actor.AccountId, actor.Nick, actor.User,
            actor.Host, "REDACT", reason, ClientTags: null, now, sequence, [message.Recipient, request.MessageId], actor.Account);
        var rows = new MessageRows(1);
        rows.Add(0, conversationId, row);
        await rows.InsertAsync(connection, transaction, cancellationToken);
        var announced = new DirectMessageStored(row.MessageId, row.PostId, message.Conversation, message.Recipient, actor.AccountId, actor.Nick,
            actor.User, actor.Host, "REDACT", reason, null, now, sequence, actor.Account, request.MessageId) { OccurredAt = now };
        await OutboxWriter.AddRangeAsync(connection, transaction, [announced], cancellationToken);
    }

    /// <summary>
    /// The message (PRIVMSG or NOTICE, not yet redacted), locked, if it belongs to a conversation of
    /// the actor's party with whoever <see cref="DirectRedactRequest.Target"/> names.
    /// </summary>
    private static async Task<Target?> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, DirectRedactRequest request, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand(
            """
            SELECT r.name_folded, m.author_account, m.author_nick, m.server_time, m.arguments ->> 0
            FROM messages.messages m JOIN messages.rooms r ON r.id = m.room_id
            WHERE m.msgid = $1 AND r.name_folded NOT LIKE '#%' AND m.kind IN ('PRIVMSG', 'NOTICE') AND m.redacted_at IS NULL
            FOR UPDATE OF m
            """, connection, transaction)
        {
            Parameters = { new() { Value = request.MessageId } },
        };
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var target = new Target(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetString(2),
            reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4));
        // The other party is named by its account (or guest nick), or by the nick the message was sent to.
        var other = DirectConversation.OtherParty(target.Conversation, request.Party);
        var named = IrcCaseMapping.Rfc1459.Fold(request.Target);
        return other is not null && (DirectConversation.NameOf(other) == named || IrcCaseMapping.Rfc1459.Fold(target.Recipient) == named) ? target : null;
    }
}
