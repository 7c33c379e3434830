using System.Globalization;
using System.Text;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using Npgsql;
using NpgsqlTypes;

namespace ChatCloud.Messages.Rooms;

/// <summary>
/// MODE and INVITE against the authority. Channel modes here (ISUPPORT
/// <c>CHANMODES=b,k,l,imnst</c>, <c>PREFIX=(ov)@+</c>): <c>+b mask</c> bans, <c>+k key</c>,
/// <c>+l limit</c>, and the flags <c>i m n s t</c>; <c>+o</c>/<c>+v</c> give operator and voice.
/// Changes apply in order and each valid one counts; each invalid one gets its own numeric, as
/// Modern IRC's MODE describes. Only operators change modes.
/// </summary>
internal sealed class RoomModes(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const string Flags = "imnst";

    /// <summary>Most bans a room keeps (<c>MAXLIST=b:100</c>).</summary>
    public const int MaxBans = 100;

    public async Task<(ModeResult? Result, RoomRefusal? Refused)> ChangeAsync(string name, ModeRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = await RoomState.LockForMemberAsync(connection, transaction, name, request.Actor.Nick, cancellationToken);
        if (locked.Room is not { } room)
        {
            return (null, locked.Refused);
        }
        if (!locked.IsOperator)
        {
            return (null, RoomRefusal.NotOperator);
        }

        var state = new ModeState(room.Name, room.Modes, room.Key, room.Limit);
        var applied = new AppliedModes();
        List<ModeRefusal> refused = [];
        foreach (var change in request.Changes)
        {
            var refusal = change.Mode switch
            {
                'i' or 'm' or 'n' or 's' or 't' => state.SetFlag(change, applied),
                'k' => state.SetKey(change, applied),
                'l' => state.SetLimit(change, applied),
                'o' or 'v' => await SetPrefixAsync(connection, transaction, room, change, applied, cancellationToken),
                'b' => await SetBanAsync(connection, transaction, room.Id, change, request.Actor, applied, cancellationToken),
                _ => new ModeRefusal(Numerics.ERR_UNKNOWNMODE, [change.Mode.ToString()], "is unknown mode char to me"),
            };
            if (refusal is not null)
            {
                refused.Add(refusal);
            }
        }
        if (applied.IsEmpty)
        {
            return (new ModeResult([], refused), null);
        }
        await using (var update = new NpgsqlCommand("UPDATE messages.rooms SET modes = $2, key = $3, user_limit = $4 WHERE id = $1", connection, transaction)
        {
            Parameters =
            {
                new() { Value = room.Id }, new() { Value = state.Modes },
                new() { Value = (object?)state.Key ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = (object?)state.Limit ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer },
            },
        })
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        var arguments = applied.ToArguments();
        await RoomStream.AppendAsync(connection, transaction, room, request.Actor, "MODE", "", arguments, time.GetUtcNow(), time, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (new ModeResult(arguments, refused), null);
    }

    // INVITE <nickname> <channel> — members invite; on a +i room only operators do.
    public async Task<RoomRefusal?> InviteAsync(string name, InviteRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = await RoomState.LockForMemberAsync(connection, transaction, name, request.Actor.Nick, cancellationToken);
        if (locked.Room is not { } room)
        {
            return locked.Refused;
        }
        if (room.Has('i') && !locked.IsOperator)
        {
            return RoomRefusal.NotOperator;
        }
        if (await RoomModeration.PrefixesAsync(connection, transaction, room.Id, request.Target, cancellationToken) is not null)
        {
            return RoomRefusal.UserOnChannel;
        }
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO messages.invites (room_id, nick_folded, invited_by, invited_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (room_id, nick_folded) DO UPDATE SET invited_by = excluded.invited_by, invited_at = excluded.invited_at
            """, connection, transaction)
        {
            Parameters =
            {
                new() { Value = room.Id }, new() { Value = IrcCaseMapping.Rfc1459.Fold(request.Target) },
                new() { Value = request.Actor.Nick }, new() { Value = time.GetUtcNow().ToUniversalTime() },
            },
        })
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        // In the stream, so the target's edge tells them and invite-notify tells the room's operators.
        await RoomStream.AppendAsync(connection, transaction, room, request.Actor, "INVITE", "", [request.Target], time.GetUtcNow(), time, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private static async Task<ModeRefusal?> SetPrefixAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, RoomRow room, ModeChange change, AppliedModes applied, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(change.Argument))
        {
            return new ModeRefusal(Numerics.ERR_NEEDMOREPARAMS, ["MODE"], "Not enough parameters");
        }
        var roomId = room.Id;
        string current, nick;
        await using (var select = new NpgsqlCommand(
            "SELECT prefixes, nick FROM messages.members WHERE room_id = $1 AND nick_folded = $2", connection, transaction)
        {
            Parameters = { new() { Value = roomId }, new() { Value = IrcCaseMapping.Rfc1459.Fold(change.Argument) } },
        })
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new ModeRefusal(Numerics.ERR_USERNOTINCHANNEL, [change.Argument, room.Name], "They aren't on that channel");
            }
            (current, nick) = (reader.GetString(0), reader.GetString(1));
        }
        var next = change.Add
            ? string.Concat("ov".Where(mode => mode == change.Mode || current.Contains(mode, StringComparison.Ordinal)))
            : current.Replace(change.Mode.ToString(), "", StringComparison.Ordinal);
        if (next == current)
        {
            return null; // already so: nothing to announce
        }
        await using var update = new NpgsqlCommand("UPDATE messages.members SET prefixes = $3 WHERE room_id = $1 AND nick_folded = $2", connection, transaction)
        {
            Parameters = { new() { Value = roomId }, new() { Value = IrcCaseMapping.Rfc1459.Fold(change.Argument) }, new() { Value = next } },
        };
        await update.ExecuteNonQueryAsync(cancellationToken);
        applied.Add(change.Add, change.Mode, nick); // as the room knows them, not as typed
        return null;
    }

    private static async Task<ModeRefusal?> SetBanAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long roomId, ModeChange change, RoomActor actor, AppliedModes applied, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(change.Argument))
        {
            return new ModeRefusal(Numerics.ERR_NEEDMOREPARAMS, ["MODE"], "Not enough parameters");
        }
        var mask = NormaliseMask(change.Argument);
        await using var command = change.Add
            ? new NpgsqlCommand("""
                INSERT INTO messages.bans (room_id, mask, set_by, set_at)
                SELECT $1, $2, $3, now() WHERE (SELECT count(*) FROM messages.bans WHERE room_id = $1) < $4
                ON CONFLICT DO NOTHING
                """, connection, transaction)
            {
                Parameters = { new() { Value = roomId }, new() { Value = mask }, new() { Value = actor.Nick }, new() { Value = MaxBans } },
            }
            : new NpgsqlCommand("DELETE FROM messages.bans WHERE room_id = $1 AND mask = $2", connection, transaction)
            {
                Parameters = { new() { Value = roomId }, new() { Value = mask } },
            };
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            applied.Add(change.Add, 'b', mask);
        }
        return null;
    }

    /// <summary><c>nick</c> becomes <c>nick!*@*</c>, <c>user@host</c> becomes <c>*!user@host</c>, as servers fill in ban masks.</summary>
    internal static string NormaliseMask(string mask) =>
        mask.Contains('!', StringComparison.Ordinal) ? (mask.Contains('@', StringComparison.Ordinal) ? mask : mask + "@*")
        : mask.Contains('@', StringComparison.Ordinal) ? "*!" + mask
        : mask + "!*@*";

    /// <summary>The room's flags, key and limit while a MODE's changes are applied to them.</summary>
    private sealed class ModeState(string room, string modes, string? key, int? limit)
    {
        public string Modes { get; private set; } = modes;
        public string? Key { get; private set; } = key;
        public int? Limit { get; private set; } = limit;

        public ModeRefusal? SetFlag(ModeChange change, AppliedModes applied)
        {
            var has = Modes.Contains(change.Mode, StringComparison.Ordinal);
            if (has == change.Add)
            {
                return null;
            }
            Modes = string.Concat(Flags.Where(flag => flag == change.Mode ? change.Add : Modes.Contains(flag, StringComparison.Ordinal)));
            applied.Add(change.Add, change.Mode, null);
            return null;
        }

        public ModeRefusal? SetKey(ModeChange change, AppliedModes applied)
        {
            if (!change.Add)
            {
                if (Key is not null)
                {
                    Key = null;
                    applied.Add(false, 'k', "*");
                }
                return null;
            }
            // A key is one middle parameter: no spaces, commas or leading colon, and not too long.
            if (string.IsNullOrEmpty(change.Argument) || change.Argument.Length > 23 || change.Argument[0] == ':'
                || change.Argument.AsSpan().IndexOfAny(" ,\r\n\0") >= 0)
            {
                return new ModeRefusal(Numerics.ERR_INVALIDMODEPARAM, [room, "k", change.Argument ?? "*"], "Invalid key");
            }
            Key = change.Argument;
            applied.Add(true, 'k', change.Argument);
            return null;
        }

        public ModeRefusal? SetLimit(ModeChange change, AppliedModes applied)
        {
            if (!change.Add)
            {
                if (Limit is not null)
                {
                    Limit = null;
                    applied.Add(false, 'l', null);
                }
                return null;
            }
            if (!int.TryParse(change.Argument, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1)
            {
                return new ModeRefusal(Numerics.ERR_INVALIDMODEPARAM, [room, "l", change.Argument ?? "*"], "Invalid limit");
            }
            Limit = limit;
            applied.Add(true, 'l', limit.ToString(CultureInfo.InvariantCulture));
            return null;
        }
    }

    /// <summary>The applied changes as one MODE line's parameters: <c>+ok-l alice key</c>.</summary>
    private sealed class AppliedModes
    {
        private readonly StringBuilder _modes = new();
        private readonly List<string> _arguments = [];
        private bool? _adding;

        public bool IsEmpty => _modes.Length == 0;

        public void Add(bool add, char mode, string? argument)
        {
            if (_adding != add)
            {
                _modes.Append(add ? '+' : '-');
                _adding = add;
            }
            _modes.Append(mode);
            if (argument is not null)
            {
                _arguments.Add(argument);
            }
        }

        public List<string> ToArguments() => [_modes.ToString(), .. _arguments];
    }
}
