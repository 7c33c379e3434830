using ChatCloud.Irc;
using ChatCloud.Presence;
using StackExchange.Redis;

namespace ChatCloud.Messages.Realtime;

/// <summary>
/// Away and back, shared between web and IRC users (IRCv3 away-notify). A tab's AWAY is published in
/// the nick directory (WHOIS, RPL_AWAY) and on the room-mates feed every TCP edge listens to, in its
/// format (TcpEdge Presence/RedisPresenceFeed.cs and RoomMateNotice: <c>&lt;capability&gt; &lt;nick&gt;
/// &lt;line&gt;</c>, capability 1024 being away-notify), so IRC room-mates see an AWAY line. Every AWAY on
/// the feed, from IRC or the web, reaches the web members sharing a room with its author as
/// <c>presence</c> (<c>away</c> or <c>back</c>). Best effort, as the feed is.
/// </summary>
internal sealed partial class WebAway(
    WebMembers members, WebRoomCache rooms, INickDirectory nicks, IConnectionMultiplexer redis, ILogger<WebAway> logger) : IHostedService
{
    /// <summary>The TCP edge's <c>Capabilities.AwayNotify</c>: the feed's notices name the capability that shows them.</summary>
    private const int AwayNotify = 1 << 10;

    /// <summary>AWAYLEN, as the TCP edge advertises.</summary>
    private const int AwayLength = 200;

    private static readonly RedisChannel RoomMatesChannel = RedisChannel.Literal("chatcloud:room-mates");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var queue = await redis.GetSubscriber().SubscribeAsync(RoomMatesChannel).WaitAsync(cancellationToken);
            queue.OnMessage(message => HandleAsync(message.Message.ToString()));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Presence is best effort: the service starts without it rather than not at all.
            LogNotSubscribed(logger, exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(RoomMatesChannel).WaitAsync(cancellationToken);

    public async Task SetAsync(WebMember member, string? text, CancellationToken cancellationToken)
    {
        member.Away = text is null ? null : text.Length <= AwayLength ? text : text[..AwayLength];
        var prefix = $"{member.Nick}!{member.Actor.User}@{WebMembers.Host}";
        var line = IrcWriter.GetBytes(new IrcMessage(prefix, "AWAY", member.Away is null ? [] : [member.Away]));
        var notice = $"{AwayNotify} {member.Nick} {System.Text.Encoding.UTF8.GetString(line).TrimEnd('\r', '\n')}";
        await nicks.PublishAsync(member.ToDirectoryUser(), cancellationToken);
        await redis.GetSubscriber().PublishAsync(RoomMatesChannel, notice).WaitAsync(cancellationToken);
    }

    private async Task HandleAsync(string? notice)
    {
        var parts = notice?.Split(' ', 3);
        if (parts is not [var capability, var nick, var line] || capability != "1024"
            || IrcParser.TryParse(System.Text.Encoding.UTF8.GetBytes(line), out var away) != IrcParseError.None || away.Command != "AWAY")
        {
            return;
        }
        var presence = new WebEvent("presence", new WebPresence("", nick, away.Parameters.Count > 0 ? "away" : "back",
            away.Parameters.Count > 0 ? away.Parameters[0] : null));
        try
        {
            var told = new HashSet<WebConnection>();
            foreach (var room in members.All().SelectMany(members.RoomsOf).Distinct(StringComparer.Ordinal))
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                if (await rooms.GetAsync(room, deadline.Token) is not { } snapshot
                    || !snapshot.Members.Any(m => IrcCaseMapping.Rfc1459.Equals(m.Nick, nick)))
                {
                    continue;
                }
                foreach (var member in members.MembersIn(IrcCaseMapping.Rfc1459.Fold(room)))
                {
                    if (IrcCaseMapping.Rfc1459.Equals(member.Nick, nick))
                    {
                        continue;
                    }
                    foreach (var connection in members.ConnectionsOf(member).Where(told.Add))
                    {
                        connection.Enqueue(presence);
                    }
                }
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogAwayNotShown(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Away changes from IRC will not be shown on the web: the room-mates feed could not be subscribed to")]
    private static partial void LogNotSubscribed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An away change could not be shown to web room-mates")]
    private static partial void LogAwayNotShown(ILogger logger, Exception exception);
}
