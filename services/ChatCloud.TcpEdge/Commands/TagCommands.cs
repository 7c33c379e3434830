using ChatCloud.Contracts;
using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>
/// TAGMSG (IRCv3 message-tags): client-only tags for a room or a nick, relayed by every edge and not
/// stored (docs/architecture.md, event catalogue). Like a message it goes out through the bus, so
/// members and recipients on other edges get it too.
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
                await ToNickAsync(session, target, tags, targets.Length == 1, cancellationToken);
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
            var server = session.Server;
            await PublishAsync(session, new TagsSent(room, session.Nick!, session.UserName!, session.Host, tags) { OccurredAt = server.Time.GetUtcNow() },
                room, label, cancellationToken);
        }
    }

    /// <summary>To a nick on any edge: 401 when nobody holds it, as PRIVMSG answers.</summary>
    private static async ValueTask ToNickAsync(
        IrcSession session, string target, Dictionary<string, string> tags, bool only, CancellationToken cancellationToken)
    {
        if (await DirectMessageCommands.FindRecipientAsync(session, target, "TAGMSG", answer: true, cancellationToken) is not { } recipient || tags.Count == 0)
        {
            return;
        }
        var label = only && session.Has(Capabilities.EchoMessage) ? LabeledResponse.HandOff(session) : null;
        var sent = new DirectTagsSent(recipient.Nick, session.Nick!, session.UserName!, session.Host, tags) { OccurredAt = session.Server.Time.GetUtcNow() };
        await PublishAsync(session, sent, recipient.Nick, label, cancellationToken);
    }

    private static async ValueTask PublishAsync<TEvent>(IrcSession session, TEvent sent, string target, string? label, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
    {
        var server = session.Server;
        // The author's own edge recognises the event when it comes back, as for posts (echo-message).
        server.Pending.Add(sent.Id, session, label);
        try
        {
            await server.Publisher.PublishAsync(sent, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            server.Pending.Forget(sent.Id);
            session.Send(new IrcMessage(server.Name, "FAIL", ["TAGMSG", "MESSAGE_NOT_SENT", $"Your tags to {target} could not be sent; try again"]), label);
        }
    }
}
