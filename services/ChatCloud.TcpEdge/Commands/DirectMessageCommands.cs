using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Presence;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>
/// PRIVMSG and NOTICE to a nick. A direct message takes the room messages' path: the edge posts it
/// to the messages service, which stores it in the two parties' conversation and announces it; the
/// edges holding either party deliver it (Delivery/DirectMessageDelivery.cs). The recipient is
/// looked up in the nick directory, so it may be on any edge.
/// </summary>
public static class DirectMessageCommands
{
    /// <param name="answer">False for NOTICE, which is never answered with an error (RFC 2812 3.3.2) nor with RPL_AWAY.</param>
    public static async ValueTask SendAsync(
        IrcSession session, string target, string kind, string text, IReadOnlyDictionary<string, string>? clientTags, bool answer,
        CancellationToken cancellationToken)
    {
        if (await FindRecipientAsync(session, target, kind, answer, cancellationToken) is not { } recipient)
        {
            return;
        }

        var server = session.Server;
        // Cut to what the recipient's copy can carry, so what is stored is what both parties see.
        var fitted = IrcText.FitTrailing(session.Prefix, kind, recipient.Nick, text);
        var post = new PostRequested(recipient.Nick, session.Account?.Id, session.Nick!, session.UserName!, session.Host, kind, fitted,
            clientTags, DirectConversation.Key(PartyOf(session), PartyOf(recipient)), session.Account?.Name);
        await server.Posts.EnqueueAsync(post, session, cancellationToken);
        if (answer && recipient.Away is { } away)
        {
            session.Reply(Numerics.RPL_AWAY, recipient.Nick, away);
        }
    }

    /// <summary>
    /// The user holding <paramref name="target"/> on any edge, or null after the reply a missing or
    /// unreachable one deserves (none for NOTICE: <paramref name="answer"/> is false).
    /// </summary>
    public static async ValueTask<DirectoryUser?> FindRecipientAsync(
        IrcSession session, string target, string command, bool answer, CancellationToken cancellationToken)
    {
        var server = session.Server;
        DirectoryUser? recipient = null;
        if (server.IsValidNick(target))
        {
            try
            {
                recipient = server.Nicks.Find(target) is { IsRegistered: true } local
                    ? local.ToDirectoryUser()
                    : await FindAsync(server, target, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (answer)
                {
                    session.Fail(command, "TEMPORARILY_UNAVAILABLE", target, "Users cannot be looked up right now; try again in a moment");
                }
                return null;
            }
        }
        if (recipient is null && answer)
        {
            session.Reply(Numerics.ERR_NOSUCHNICK, target, "No such nick/channel");
        }
        return recipient;
    }

    /// <summary>This connection as a party of a conversation: its account, or its nick for a guest.</summary>
    public static string PartyOf(IrcSession session) =>
        DirectConversation.Party(Fold(session.Account?.Name), IrcCaseMapping.Rfc1459.Fold(session.Nick!));

    public static string PartyOf(DirectoryUser user) =>
        DirectConversation.Party(Fold(user.Account), IrcCaseMapping.Rfc1459.Fold(user.Nick));

    private static string? Fold(string? name) => name is null ? null : IrcCaseMapping.Rfc1459.Fold(name);

    private static async Task<DirectoryUser?> FindAsync(IrcServer server, string nick, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(server.Options.DirectoryTimeout);
        return await server.NickDirectory.FindAsync(nick, timeout.Token);
    }
}
