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

    public static IrcMessage Create(MessageStored stored, string room, Capabilities capabilities)
    {
        var prefix = $"{stored.AuthorNick}!{stored.AuthorUser}@{stored.AuthorHost}";
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
            "KICK" => [room, first, stored.Text.Length == 0 ? stored.AuthorNick : stored.Text],
            "MODE" => [room, .. arguments],
            "INVITE" => [first, room],
            // draft/message-redaction: "REDACT <target> <msgid> [:<reason>]".
            "REDACT" => stored.Text.Length == 0 ? [room, first] : [room, first, stored.Text],
            _ => [room, stored.Text],
        };
        return StoredMessageLine.WithServerTags(new IrcMessage(prefix, stored.Kind, parameters), stored.MessageId, stored.ServerTime, capabilities);
    }
}
