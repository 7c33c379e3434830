using System.Text.Json;
using ChatCloud.Contracts.Messages;
using Npgsql;
using NpgsqlTypes;

namespace ChatCloud.Messages.Posting;

/// <summary>The batch's messages as column arrays, for one <c>INSERT … SELECT FROM unnest(…)</c>.</summary>
internal sealed class MessageRows(int count)
{
    private const string InsertMessages = """
        INSERT INTO messages.messages
            (room_id, sequence, msgid, post_id, author_account, author_nick, author_user, author_host, kind, text, client_tags, server_time, arguments, author_account_name)
        SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[],
                             $9::text[], $10::text[], $11::jsonb[], $12::timestamptz[], $13::jsonb[], $14::text[])
        """;

    /// <summary>
    /// Which of <paramref name="postIds"/> are stored already (each message row keeps its post's id,
    /// unique): a redelivered post is known by its row, with no inbox row of its own to write.
    /// </summary>
    public static async Task<HashSet<Guid>> StoredPostsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] postIds, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("SELECT post_id FROM messages.messages WHERE post_id = ANY($1)", connection, transaction)
        {
            Parameters = { new() { Value = postIds } },
        };
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var stored = new HashSet<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            stored.Add(reader.GetGuid(0));
        }
        return stored;
    }

    private readonly long[] _roomIds = new long[count];
    private readonly long[] _sequences = new long[count];
    private readonly string[] _msgids = new string[count];
    private readonly Guid[] _postIds = new Guid[count];
    private readonly Guid?[] _accounts = new Guid?[count];
    private readonly string[] _nicks = new string[count];
    private readonly string[] _users = new string[count];
    private readonly string[] _hosts = new string[count];
    private readonly string[] _kinds = new string[count];
    private readonly string[] _texts = new string[count];
    private readonly string?[] _clientTags = new string?[count];
    private readonly DateTimeOffset[] _times = new DateTimeOffset[count];
    private readonly string?[] _arguments = new string?[count];
    private readonly string?[] _accountNames = new string?[count];

    public void Add(int i, long roomId, MessageStored message)
    {
        _roomIds[i] = roomId;
        _sequences[i] = message.Sequence;
        _msgids[i] = message.MessageId;
        _postIds[i] = message.PostId;
        _accounts[i] = message.AuthorAccountId;
        _nicks[i] = message.AuthorNick;
        _users[i] = message.AuthorUser;
        _hosts[i] = message.AuthorHost;
        _kinds[i] = message.Kind;
        _texts[i] = message.Text;
        _clientTags[i] = message.ClientTags is null ? null : JsonSerializer.Serialize(message.ClientTags);
        _times[i] = message.ServerTime.ToUniversalTime();
        _arguments[i] = message.Arguments is null ? null : JsonSerializer.Serialize(message.Arguments);
        _accountNames[i] = message.AuthorAccount;
    }

    public async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(InsertMessages, connection, transaction)
        {
            Parameters =
            {
                new() { Value = _roomIds },
                new() { Value = _sequences },
                new() { Value = _msgids },
                new() { Value = _postIds },
                new() { Value = _accounts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                new() { Value = _nicks },
                new() { Value = _users },
                new() { Value = _hosts },
                new() { Value = _kinds },
                new() { Value = _texts },
                new() { Value = _clientTags, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                new() { Value = _times },
                new() { Value = _arguments, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                new() { Value = _accountNames, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            },
        };
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
