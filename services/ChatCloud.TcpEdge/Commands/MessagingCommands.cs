using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>
/// Room messages go to the messages service and come back to every member, the author's other
/// devices included, only once stored (docs/architecture.md, "The message pipeline"). Messages to
/// a nick take the same path (<see cref="DirectMessageCommands"/>).
/// </summary>
public static class MessagingCommands
{
    // PRIVMSG <target>{,<target>} <text to be sent>
    public static ValueTask PrivmsgAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken) =>
        SendAsync(session, message, "PRIVMSG", cancellationToken);

    // NOTICE <target>{,<target>} <text to be sent> — never answered with an error (RFC 2812 3.3.2).
    public static ValueTask NoticeAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken) =>
        SendAsync(session, message, "NOTICE", cancellationToken);

    private static async ValueTask SendAsync(IrcSession session, IrcMessage message, string kind, CancellationToken cancellationToken)
    {
        var answer = kind == "PRIVMSG";
        if (message.Parameters.Count == 0)
        {
            Error(session, answer, Numerics.ERR_NORECIPIENT, $"No recipient given ({kind})");
            return;
        }
        if (message.Parameters.Count < 2 || message.Parameters[1].Length == 0)
        {
            Error(session, answer, Numerics.ERR_NOTEXTTOSEND, "No text to send");
            return;
        }
        var text = message.Parameters[1];
        var targets = message.Parameters[0].Split(',', StringSplitOptions.RemoveEmptyEntries);
        foreach (var target in targets)
        {
            if (!target.StartsWith('#'))
            {
                await DirectMessageCommands.SendAsync(session, target, kind, text, ClientTags(message), answer, cancellationToken);
                continue;
            }
            if (await SpeakingInAsync(session, target, cancellationToken) is not { } room)
            {
                Error(session, answer, Numerics.ERR_CANNOTSENDTOCHAN, "Cannot send to channel", target);
                continue;
            }
            // labeled-response: with echo-message the answer to a labeled message is its echo, once stored
            // (for one target; the echoes of several go unlabeled, after the ACK). Without it, ACK.
            var label = targets.Length == 1 && session.Has(Capabilities.EchoMessage) ? LabeledResponse.HandOff(session) : null;
            await PostAsync(session, room, kind, text, message, label, cancellationToken);
        }
    }

    /// <summary>
    /// The room's name when the session may speak there (Modern IRC): a member unless banned or,
    /// on <c>+m</c>, without voice; someone outside only in a <c>-n</c> room (asked of the authority,
    /// which is rare enough not to be kept). Null when it may not.
    /// </summary>
    internal static async Task<string?> SpeakingInAsync(IrcSession session, string target, CancellationToken cancellationToken)
    {
        if (session.Server.Rooms.Find(target) is { } room && room.Contains(session))
        {
            return room.MaySpeak(session) ? room.Name : null;
        }
        if (!IrcCaseMapping.IsValidChannelName(target, IrcServer.ChannelLength))
        {
            return null;
        }
        var answer = await session.Server.RoomAuthority.FindAsync(target, cancellationToken);
        return answer.Value is { } snapshot && !snapshot.Modes.AsSpan().ContainsAny("nm")
            && !(snapshot.Bans ?? []).Any(ban => IrcMask.Matches(ban.Mask, session.Prefix, IrcCaseMapping.Rfc1459))
            ? snapshot.Name
            : null;
    }

    private static async ValueTask PostAsync(
        IrcSession session, string room, string kind, string text, IrcMessage message, string? label, CancellationToken cancellationToken)
    {
        var clientTags = ClientTags(message);
        // Cut to what every member's copy can carry, so what is stored is what everyone sees.
        text = IrcText.FitTrailing(session.Prefix, kind, room, text);
        var post = new PostRequested(room, session.Account?.Id, session.Nick!, session.UserName!, session.Host, kind, text, clientTags,
            AuthorAccount: session.Account?.Name);
        // Queued, not yet confirmed: the client's next line is read at once, and a post the broker
        // does not confirm is answered with FAIL … MESSAGE_NOT_SENT (Rooms/PostSender.cs).
        await session.Server.Posts.EnqueueAsync(post, session, label, cancellationToken);
    }

    /// <summary>The client-only tags to store with the message, or null for none.</summary>
    private static Dictionary<string, string>? ClientTags(IrcMessage message)
    {
        var tags = message.Tags.Where(t => t.IsClientOnly).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        return tags.Count == 0 ? null : tags;
    }

    private static void Error(IrcSession session, bool answer, string numeric, string text, string? target = null)
    {
        if (!answer)
        {
            return;
        }
        if (target is null)
        {
            session.Reply(numeric, text);
        }
        else
        {
            session.Reply(numeric, target, text);
        }
    }
}
