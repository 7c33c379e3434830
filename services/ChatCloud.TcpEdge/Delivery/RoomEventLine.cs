using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Delivery;

/// <summary>
/// How a room event from the stream (<see cref="MessageStored"/> with a verb other than PRIVMSG or
/// NOTICE) is written to a client, as Modern IRC writes each verb, with <c>time</c> and <c>msgid</c>
/// as the client's capabilities ask (the same tags as stored messages carry).
/// </summary>
public static class RoomEventLine
{
    /// <summary>The capabilities that change an event's line; recipients with the same ones share the bytes.</summary>
    public const Capabilities Variants = StoredMessageLine.Variants | Capabilities.ExtendedJoin;

    public static IrcMessage Create(MessageStored stored, string room, Capabilities capabilities) =>
        Create(new RoomEvent(stored.Kind, stored.AuthorNick, stored.AuthorUser, stored.AuthorHost, stored.Text, stored.Arguments,
            stored.MessageId, stored.ServerTime, stored.AuthorAccount), room, capabilities);

    /// <summary>
    /// The line of an event, live or played back from history (draft/event-playback), so both are
    /// the same; <paramref name="batch"/> tags it when it is played back in a batch.
    /// </summary>
    public static IrcMessage Create(RoomEvent stored, string room, Capabilities capabilities, string? batch = null)
    {
        var prefix = $"{stored.Nick}!{stored.User}@{stored.Host}";
        var arguments = stored.Arguments ?? [];
        var first = arguments.Count > 0 ? arguments[0] : "*";
        string[] parameters = stored.Kind switch
        {
            // extended-join: "JOIN <channel> <account> :<realname>", the account * for a guest.
            "JOIN" => capabilities.HasFlag(Capabilities.ExtendedJoin) ? [room, first, stored.Text] : [room],
            "PART" => stored.Text.Length == 0 ? [room] : [room, stored.Text],
            "QUIT" => [stored.Text],
            "NICK" => [first],
            "TOPIC" => [room, stored.Text],
            // Servers fill in the kicker's nick when no comment was given, as most clients expect one.
            "KICK" => [room, first, stored.Text.Length == 0 ? stored.Nick : stored.Text],
            "MODE" => [room, .. arguments],
            "INVITE" => [first, room],
            // draft/message-redaction: "REDACT <target> <msgid> [:<reason>]".
            "REDACT" => stored.Text.Length == 0 ? [room, first] : [room, first, stored.Text],
            _ => [room, stored.Text],
        };
        return StoredMessageLine.WithServerTags(new IrcMessage(prefix, stored.Kind, parameters), stored.Msgid, stored.Time, capabilities, batch, stored.Account);
    }
}

/// <summary>A room event as the stream and the history service both carry it.</summary>
public sealed record RoomEvent(
    string Kind, string Nick, string User, string Host, string Text, IReadOnlyList<string>? Arguments, string Msgid, DateTimeOffset Time,
    string? Account = null);

internal static class RoomEventKinds
{
    /// <summary>Messages: every client is played them back; anything else is an event, for draft/event-playback only.</summary>
    public static bool IsMessage(string kind) => kind is "PRIVMSG" or "NOTICE";
}
