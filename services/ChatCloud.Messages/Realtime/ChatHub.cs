using System.Security.Claims;
using ChatCloud.Authentication;
using ChatCloud.Contracts.Activity;
using ChatCloud.Contracts.Auth;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using ChatCloud.Messages.ReadMarkers;
using ChatCloud.Messages.Rooms;
using ChatCloud.Messaging;
using ChatCloud.Presence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ChatCloud.Messages.Realtime;

/// <summary>
/// The web's realtime endpoint (docs/web-realtime.md): a signed-in account's tab joins, parts and
/// speaks in rooms through the same authority and the same post pipeline as the TCP edge, so web
/// and terminal users share rooms, order and <c>msgid</c>s. Answers carry the IRC reason of a
/// refusal, so the app can say why.
/// </summary>
[Authorize(Policy = ChatCloudPolicies.User)]
internal sealed partial class ChatHub(
    WebMembers members, RoomMembership membership, RoomModeration moderation, RoomModes modes, RoomDirectory directory, WebRoomCache rooms,
    INickDirectory nicks, IEventPublisher publisher, PendingWebPosts pending, ReadMarkerStore markers, WebAway away, TimeProvider time,
    IOptions<RealtimeOptions> options, BestEffortPublisher activity) : Hub
{
    public override async Task OnConnectedAsync()
    {
        if (AccountOf(Context.User) is not { } account)
        {
            throw new HubException("The token names no account.");
        }
        using var deadline = Deadline();
        if (await members.ConnectAsync(Context, account.Id, account.Name, deadline.Token) is null)
        {
            throw new HubException($"The name {account.Name} is in use by someone else right now.");
        }
        // A web sign-in is a tab whose realtime connection is up, the web's counterpart of a logged-in TCP connection.
        activity.Publish(new SignedIn(account.Id, SignedInVia.Web) { Connection = WebConnectionName, OccurredAt = time.GetUtcNow() });
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (members.Find(Context.ConnectionId) is { } connection)
        {
            activity.Publish(new SignedOut(connection.Member.AccountId, SignedInVia.Web, WebConnectionName) { OccurredAt = time.GetUtcNow() });
        }
        members.Disconnect(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>This tab as a connection unique across the suite, as sign-ins and sign-outs name it.</summary>
    private string WebConnectionName => $"{members.Edge}/{Context.ConnectionId}";

    /// <summary>The rooms this account is in, for a tab that just opened.</summary>
    public IReadOnlyList<string> Rooms() => members.Find(Context.ConnectionId) is { } connection ? members.RoomsOf(connection.Member) : [];

    /// <summary>
    /// The room list (LIST): rooms with members whose names match <paramref name="search"/> (a
    /// substring, any case; empty for all), the largest first, at most <paramref name="limit"/>.
    /// Secret rooms only to their members, as on IRC.
    /// </summary>
    public async Task<IReadOnlyList<RoomListing>> List(string? search, int limit)
    {
        var member = Member();
        var mask = string.IsNullOrWhiteSpace(search) ? "*" : $"*{EscapeMask(search.Trim())}*";
        using var deadline = Deadline();
        var rooms = await directory.ListAsync([mask], 0, int.MaxValue, RoomListLimits.MaxRooms, member.Nick, deadline.Token);
        if (!string.IsNullOrWhiteSpace(search))
        {
            activity.Publish(new Searched(member.AccountId, Searched.Rooms, search.Trim().Length, rooms.Count) { OccurredAt = time.GetUtcNow() });
        }
        return [.. rooms.OrderByDescending(room => room.Members).ThenBy(room => room.Name, StringComparer.Ordinal).Take(Math.Clamp(limit, 1, RoomListLimits.MaxRooms))];
    }

    /// <summary>A search is literal text: IRC mask wildcards in it are escaped (ELIST M, docs/protocol.md).</summary>
    private static string EscapeMask(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("*", "\\*", StringComparison.Ordinal).Replace("?", "\\?", StringComparison.Ordinal);

    public async Task<WebJoinAnswer> Join(string room, string? key)
    {
        var member = Member();
        if (!IrcCaseMapping.IsValidChannelName(room ?? ""))
        {
            return new WebJoinAnswer(false, null, Numerics.ERR_BADCHANMASK, "A room name starts with # and has no spaces or commas.");
        }
        using var deadline = Deadline();
        var (joined, refused) = await membership.JoinAsync(room!, new JoinRequest(member.Actor, member.Account, key), deadline.Token);
        if (joined is null)
        {
            return new WebJoinAnswer(false, null, refused!.Numeric, refused.Text);
        }
        members.Joined(member, joined.Room.Name);
        rooms.Put(joined.Room);
        return new WebJoinAnswer(true, joined.Room);
    }

    public async Task<WebAnswer> Part(string room, string? reason)
    {
        var member = Member();
        using var deadline = Deadline();
        var (_, refused) = await membership.PartAsync(room ?? "", new PartRequest(member.Actor, reason), deadline.Token);
        if (refused is not null && refused.Numeric != Numerics.ERR_NOTONCHANNEL)
        {
            return WebAnswer.Refused(refused.Numeric, refused.Text);
        }
        members.Left(member, room ?? "");
        if (!members.AnyIn(IrcCaseMapping.Rfc1459.Fold(room ?? "")))
        {
            rooms.Forget(IrcCaseMapping.Rfc1459.Fold(room ?? ""));
        }
        return WebAnswer.Done;
    }

    public async Task<WebAnswer> Topic(string room, string topic)
    {
        var member = Member();
        using var deadline = Deadline();
        return await moderation.SetTopicAsync(room ?? "", new TopicRequest(member.Actor, topic ?? ""), deadline.Token) is { } refused
            ? WebAnswer.Refused(refused.Numeric, refused.Text)
            : WebAnswer.Done;
    }

    private WebMember Member() => members.Find(Context.ConnectionId)?.Member ?? throw new HubException("Not connected.");

    private CancellationTokenSource Deadline()
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(Context.ConnectionAborted);
        deadline.CancelAfter(options.Value.AuthorityTimeout);
        return deadline;
    }

    /// <summary>The account a token names: <c>sub</c> (a UUID, ours or Keycloak's) and its name.</summary>
    internal static (Guid Id, string Name)? AccountOf(ClaimsPrincipal? user)
    {
        var subject = user?.FindFirst("sub")?.Value ?? user?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var name = user?.FindFirst("name")?.Value ?? user?.FindFirst("preferred_username")?.Value ?? user?.FindFirst(ClaimTypes.Name)?.Value;
        return Guid.TryParse(subject, out var id) && !string.IsNullOrEmpty(name) ? (id, name) : null;
    }
}
