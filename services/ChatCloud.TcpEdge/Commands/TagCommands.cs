using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>
/// TAGMSG (IRCv3 message-tags): client-only tags for a room, relayed by every edge and not stored
/// (docs/architecture.md, event catalogue). Like a room message it goes out through the bus, so
/// members on other edges get it too.
/// </summary>
public static class TagCommands
{
    // TAGMSG <target>{,<target>}
    public static async ValueTask TagmsgAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        var tags = message.Tags.Where(t => t.IsClientOnly).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var targets = message.Parameters[0].Split(',', StringSplitOptions.RemoveEmptyEntries);
        foreach (var target in targets)
        {
            if (!target.StartsWith('#'))
            {
                session.Fail("TAGMSG", "UNSUPPORTED_TARGET", "TAGMSG to a nick is not available yet; send it to a room");
                continue;
            }
            if (await MessagingCommands.SpeakingInAsync(session, target, cancellationToken) is not { } room)
            {
                session.Reply(Numerics.ERR_CANNOTSENDTOCHAN, target, "Cannot send to channel");
                continue;
            }
            if (tags.Count == 0)
            {
                continue; // Nothing a recipient could see.
            }
            // As for PRIVMSG: with echo-message a labeled TAGMSG to one room is answered by its echo.
            var label = targets.Length == 1 && session.Has(Capabilities.EchoMessage) ? LabeledResponse.HandOff(session) : null;
            await PublishAsync(session, room, tags, label, cancellationToken);
        }
    }

    private static async ValueTask PublishAsync(
        IrcSession session, string room, Dictionary<string, string> tags, string? label, CancellationToken cancellationToken)
    {
        var server = session.Server;
        var sent = new TagsSent(room, session.Nick!, session.UserName!, session.Host, tags) { OccurredAt = server.Time.GetUtcNow() };
        // The author's own edge recognises the event when it comes back, as for posts (echo-message).
        server.Pending.Add(sent.Id, session, label);
        try
        {
            await server.Publisher.PublishAsync(sent, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            server.Pending.Forget(sent.Id);
            session.Send(new IrcMessage(server.Name, "FAIL", ["TAGMSG", "MESSAGE_NOT_SENT", $"Your tags to {room} could not be sent; try again"]), label);
        }
    }
}
