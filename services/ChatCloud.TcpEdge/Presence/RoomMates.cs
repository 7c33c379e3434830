using ChatCloud.Irc;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Presence;

/// <summary>
/// Changes to a user that the people sharing a room with it see (IRCv3 away-notify, setname),
/// wherever they are connected: published on the presence feed, and each edge shows the line to
/// its own members of the rooms whose replica lists the user. Best effort, as presence is: a
/// change the feed does not carry is shown on this edge only, and WHOIS and WHO still tell the truth.
/// </summary>
public sealed partial class RoomMates(IrcServer server, IPresenceFeed feed)
{
    public Task ListenAsync(CancellationToken cancellationToken) => feed.SubscribeAsync(Deliver, cancellationToken);

    /// <summary>Shows <paramref name="line"/> (from the session's user) to its room-mates with <paramref name="capability"/>.</summary>
    public async Task TellAsync(IrcSession session, Capabilities capability, IrcMessage line, CancellationToken cancellationToken)
    {
        var notice = new RoomMateNotice(session.Nick!, capability, System.Text.Encoding.UTF8.GetString(IrcWriter.GetBytes(line)).TrimEnd('\r', '\n'));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(server.Options.DirectoryTimeout);
            await feed.PublishAsync(notice, timeout.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Deliver(notice); // the feed is away: this edge's room-mates at least
        }
    }

    private void Deliver(RoomMateNotice notice)
    {
        var recipients = new HashSet<IrcSession>();
        var newHost = notice.Capability == Capabilities.ChgHost ? HostOf(notice.Line) : null;
        foreach (var room in server.Rooms.All)
        {
            if (room.PrefixesOf(notice.Nick) is null)
            {
                continue;
            }
            if (newHost is not null)
            {
                // The authority holds the new host for those who join later; this edge's copy of the room needs it now.
                room.ChangeHost(notice.Nick, newHost);
            }
            foreach (var member in room.Members)
            {
                if (member.Has(notice.Capability) && !IrcCaseMapping.Rfc1459.Equals(member.Nick, notice.Nick))
                {
                    recipients.Add(member);
                }
            }
        }
        if (recipients.Count == 0)
        {
            return;
        }
        var bytes = System.Text.Encoding.UTF8.GetBytes(notice.Line + "\r\n");
        foreach (var member in recipients)
        {
            member.Send(bytes);
        }
    }

    /// <summary>The new host of a <c>CHGHOST user host</c> line, or null when it is not one.</summary>
    private static string? HostOf(string line) =>
        IrcParser.TryParse(System.Text.Encoding.UTF8.GetBytes(line), out var message) == IrcParseError.None
        && message is { Command: "CHGHOST", Parameters: [_, var host] } ? host : null;
}
