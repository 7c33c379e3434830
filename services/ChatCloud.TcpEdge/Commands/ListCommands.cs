using System.Globalization;
using ChatCloud.Contracts.Activity;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Rooms;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>
/// LIST (Modern IRC "LIST message", RFC 2812 3.2.6) with the ELIST extensions this edge advertises,
/// <c>ELIST=MU</c>: masks on the room name and user-count conditions. Rooms are read from the room
/// authority, which holds every edge's rooms; this edge's replicas know only rooms it has members in.
/// A LIST with masks by a signed-in user is a search of the rooms, published as <see cref="Searched"/>.
/// </summary>
public static class ListCommands
{
    // LIST [<channel>{,<channel>}] [<elistcond>{,<elistcond>}]
    public static async ValueTask ListAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        var (masks, min, max) = Parse(message.Parameters);
        var rooms = new List<RoomListing>();
        if (min <= max)
        {
            var answer = await session.Server.RoomAuthority.ListAsync(new RoomListQuery(masks, min, max, session.Nick!), cancellationToken);
            if (answer is not { Outcome: RoomOutcome.Done, Value: { } listed })
            {
                session.Fail("LIST", "TEMPORARILY_UNAVAILABLE", "Rooms cannot be listed right now; try again in a moment");
                return;
            }
            rooms = listed;
        }
        if (masks.Count > 0 && session.Account is { } account)
        {
            // A LIST by name is the terminal's room search, counted as the web app's is (issue 7); best-effort, never waited for.
            session.Server.Activity?.Publish(new Searched(account.Id, Searched.Rooms, string.Join(',', masks).Length, rooms.Count)
            {
                OccurredAt = session.Server.Time.GetUtcNow(),
            });
        }
        session.Reply(Numerics.RPL_LISTSTART, "Channel", "Users  Name");
        foreach (var room in rooms)
        {
            session.Reply(Numerics.RPL_LIST, room.Name, room.Members.ToString(CultureInfo.InvariantCulture), room.Topic);
        }
        session.Reply(Numerics.RPL_LISTEND, "End of /LIST");
    }

    /// <summary>
    /// The masks and the user-count bounds, from every comma-separated item of the parameters:
    /// <c>&gt;n</c> (more than n users) and <c>&lt;n</c> (fewer than n) are ELIST <c>U</c> conditions; any
    /// other condition (<c>C&gt;</c>, <c>T&lt;</c>, not advertised) is ignored, as Ergo does; the rest are
    /// names or masks (ELIST <c>M</c>: a name without wildcards matches that room only). Only the
    /// first <see cref="RoomListLimits.MaxMasks"/> masks are used.
    /// </summary>
    internal static (List<string> Masks, int Min, int Max) Parse(IReadOnlyList<string> parameters)
    {
        List<string> masks = [];
        int min = 0, max = int.MaxValue;
        // RFC 2812's optional <target> server after the channels names this server; it is not a mask.
        foreach (var item in parameters.Take(2).SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries)))
        {
            if (item[0] is '>' or '<')
            {
                if (int.TryParse(item.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                {
                    if (item[0] == '>')
                    {
                        min = Math.Max(min, count == int.MaxValue ? count : count + 1);
                    }
                    else
                    {
                        max = Math.Min(max, count - 1);
                    }
                }
                continue;
            }
            if (item.Length > 1 && item[0] is 'C' or 'T' && item[1] is '<' or '>')
            {
                continue;
            }
            if (masks.Count < RoomListLimits.MaxMasks)
            {
                masks.Add(item);
            }
        }
        return (masks, min, max);
    }
}
