using System.Net.Http.Json;
using System.Text.Json;
using ChatCloud.Contracts.ReadMarkers;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Messaging;
using ChatCloud.TcpEdge.Server;
using Microsoft.Extensions.Options;

namespace ChatCloud.TcpEdge.Rooms;

/// <summary>
/// The room authority over HTTP (<c>http://messages</c> through service discovery). One deadline per
/// call and no retries: a room command is not idempotent (a retried KICK could kick the next
/// joiner), and the user is better told to try again at once. A refusal arrives as a problem
/// response carrying the numeric (<see cref="RoomProblem"/>).
/// </summary>
public sealed partial class RoomAuthorityClient(
    HttpClient http, IOptions<IrcServerOptions> options, MessagingInstance instance, ILogger<RoomAuthorityClient> logger) : IRoomAuthority
{
    public const string ClientName = "room-authority";

    private sealed record Problem(string? Numeric, string? Text, string? Context);

    public string Edge => instance.Id;

    public Task<RoomAnswer<JoinResult>> JoinAsync(string room, JoinRequest request, CancellationToken cancellationToken) =>
        SendAsync<JoinResult>(RoomPath(room, "join"), request, cancellationToken);

    public Task<RoomAnswer<bool>> PartAsync(string room, PartRequest request, CancellationToken cancellationToken) =>
        SendAsync<bool>(RoomPath(room, "part"), request, cancellationToken);

    public Task<RoomAnswer<bool>> TopicAsync(string room, TopicRequest request, CancellationToken cancellationToken) =>
        SendAsync<bool>(RoomPath(room, "topic"), request, cancellationToken);

    public Task<RoomAnswer<bool>> KickAsync(string room, KickRequest request, CancellationToken cancellationToken) =>
        SendAsync<bool>(RoomPath(room, "kick"), request, cancellationToken);

    public Task<RoomAnswer<ModeResult>> ModesAsync(string room, ModeRequest request, CancellationToken cancellationToken) =>
        SendAsync<ModeResult>(RoomPath(room, "modes"), request, cancellationToken);

    public Task<RoomAnswer<bool>> InviteAsync(string room, InviteRequest request, CancellationToken cancellationToken) =>
        SendAsync<bool>(RoomPath(room, "invites"), request, cancellationToken);

    public Task<RoomAnswer<RoomSnapshot>> FindAsync(string room, CancellationToken cancellationToken) =>
        SendAsync<RoomSnapshot>(RoomPath(room, null), null, cancellationToken);

    public Task<RoomAnswer<List<RoomListing>>> ListAsync(RoomListQuery query, CancellationToken cancellationToken)
    {
        var parameters = query.Masks.Select(mask => "mask=" + Uri.EscapeDataString(mask))
            .Append(FormattableString.Invariant($"min={query.Min}"))
            .Append(FormattableString.Invariant($"max={query.Max}"))
            .Append(FormattableString.Invariant($"limit={RoomListLimits.MaxRooms}"))
            .Append("asker=" + Uri.EscapeDataString(query.Asker));
        return SendAsync<List<RoomListing>>("rooms?" + string.Join('&', parameters), null, cancellationToken);
    }

    public Task<RoomAnswer<bool>> QuitAsync(QuitRequest request, CancellationToken cancellationToken) =>
        SendAsync<bool>("members/quit", request, cancellationToken);

    public Task<RoomAnswer<bool>> RenameAsync(RenameRequest request, CancellationToken cancellationToken) =>
        SendAsync<bool>("members/rename", request, cancellationToken);

    public Task<RoomAnswer<bool>> ChangeHostAsync(HostChangeRequest request, CancellationToken cancellationToken) =>
        SendAsync<bool>("members/host", request, cancellationToken);

    public Task<RoomAnswer<bool>> QuitEdgeAsync(string reason, CancellationToken cancellationToken) =>
        SendAsync<bool>($"edges/{Uri.EscapeDataString(Edge)}/quit", new EdgeQuitRequest(reason), cancellationToken);

    public Task<RoomAnswer<bool>> RedactAsync(string room, RedactRequest request, CancellationToken cancellationToken) =>
        SendAsync<bool>(RoomPath(room, "redactions"), request, cancellationToken);

    public Task<RoomAnswer<bool>> RedactDirectAsync(DirectRedactRequest request, CancellationToken cancellationToken) =>
        SendAsync<bool>("conversations/redactions", request, cancellationToken);

    public Task<RoomAnswer<ReadMarker>> GetReadMarkerAsync(Guid account, string target, CancellationToken cancellationToken) =>
        SendAsync<ReadMarker>($"accounts/{account}/read-markers/{Uri.EscapeDataString(target)}", null, cancellationToken);

    public Task<RoomAnswer<ReadMarker>> SetReadMarkerAsync(Guid account, ReadMarkerRequest request, CancellationToken cancellationToken) =>
        SendAsync<ReadMarker>($"accounts/{account}/read-markers", request, cancellationToken);

    private static string RoomPath(string room, string? action) =>
        action is null ? $"rooms/{Uri.EscapeDataString(room)}" : $"rooms/{Uri.EscapeDataString(room)}/{action}";

    /// <summary>POSTs <paramref name="body"/> (GETs when null); 2xx is done, a problem with a numeric is refused, anything else unavailable.</summary>
    private async Task<RoomAnswer<T>> SendAsync<T>(string path, object? body, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.RoomAuthorityTimeout);
        try
        {
            using var content = body is null ? null : JsonContent.Create(body, body.GetType());
            using var response = content is null
                ? await http.GetAsync(path, deadline.Token)
                : await http.PostAsync(path, content, deadline.Token);
            if (response.IsSuccessStatusCode)
            {
                if (typeof(T) == typeof(bool))
                {
                    return RoomAnswer.Done((T)(object)true);
                }
                return await response.Content.ReadFromJsonAsync<T>(deadline.Token) is { } value ? RoomAnswer.Done(value) : Unexpected((int)response.StatusCode);
            }
            if ((int)response.StatusCode is >= 400 and < 500
                && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                && await response.Content.ReadFromJsonAsync<Problem>(deadline.Token) is { Numeric: { } numeric, Text: { } text } problem)
            {
                return RoomAnswer.Refused<T>(new RoomRefused(numeric, text, problem.Context));
            }
            return Unexpected((int)response.StatusCode);

            RoomAnswer<T> Unexpected(int status)
            {
                LogUnexpectedStatus(logger, path, status);
                return RoomAnswer.Unavailable<T>();
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or NotSupportedException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, exception, path);
            return RoomAnswer.Unavailable<T>();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The room authority could not be reached for {Path}")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The room authority answered {Path} with status {Status}")]
    private static partial void LogUnexpectedStatus(ILogger logger, string path, int status);
}
