using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using ChatCloud.Contracts.History;
using Microsoft.Extensions.Options;

namespace ChatCloud.TcpEdge.History;

/// <summary>
/// Calls the history service (<c>GET /api/history/…</c>) with a deadline on every call. Any failure —
/// no answer in time, a refused connection, a 5xx — is <see cref="HistoryOutcome.Unavailable"/>, never
/// an exception: a history outage costs a client a FAIL, not its connection.
/// </summary>
/// <remarks>
/// The client comes from <see cref="IHttpClientFactory"/> per call (the edge's server object is a
/// singleton, and a client held for its lifetime would never see its handler renewed).
/// </remarks>
public sealed partial class HistoryClient(IHttpClientFactory clients, IOptions<HistoryClientOptions> options, ILogger<HistoryClient> logger)
    : IRoomHistory
{
    public const string ClientName = "history";

    /// <summary>The problem type the history service gives a msgid the room does not have.</summary>

    public Task<HistoryAnswer<HistoryMessage>> GetMessagesAsync(HistoryQuery query, CancellationToken cancellationToken) =>
        GetMessagesAsync(new StringBuilder("api/history/rooms/").Append(Uri.EscapeDataString(query.Room)).Append("/messages?"), query, cancellationToken);

    public Task<HistoryAnswer<HistoryMessage>> GetConversationAsync(string asker, HistoryQuery query, CancellationToken cancellationToken) =>
        GetMessagesAsync(new StringBuilder("conversations/").Append(Uri.EscapeDataString(query.Room)).Append("/messages?as=")
            .Append(Uri.EscapeDataString(asker)).Append('&'), query, cancellationToken);

    private async Task<HistoryAnswer<HistoryMessage>> GetMessagesAsync(StringBuilder path, HistoryQuery query, CancellationToken cancellationToken)
    {
        if (query.SecondReference is { } second)
        {
            path.Append("from=").Append(Uri.EscapeDataString(query.Reference)).Append("&to=").Append(Uri.EscapeDataString(second));
        }
        else
        {
            path.Append(query.Selector).Append('=').Append(Uri.EscapeDataString(query.Reference));
        }
        path.Append("&limit=").Append(query.Limit.ToString(CultureInfo.InvariantCulture));
        if (query.Events)
        {
            path.Append("&events=true");
        }
        var answer = await GetAsync<RoomHistory>(path.ToString(), cancellationToken, query.OnBehalfOf);
        return answer.Outcome == HistoryOutcome.Found
            ? new(HistoryOutcome.Found, answer.Body!.Messages)
            : new(answer.Outcome, []);
    }

    public async Task<HistoryAnswer<RoomActivity>> GetConversationTargetsAsync(
        string asker, string first, string second, int limit, CancellationToken cancellationToken)
    {
        var path = new StringBuilder("conversations/targets?as=").Append(Uri.EscapeDataString(asker))
            .Append("&from=").Append(Uri.EscapeDataString(first))
            .Append("&to=").Append(Uri.EscapeDataString(second))
            .Append("&limit=").Append(limit.ToString(CultureInfo.InvariantCulture));
        var answer = await GetAsync<HistoryTargets>(path.ToString(), cancellationToken);
        return answer.Outcome == HistoryOutcome.Found
            ? new(HistoryOutcome.Found, answer.Body!.Targets)
            : new(answer.Outcome, []);
    }

    public async Task<HistoryAnswer<RoomActivity>> GetTargetsAsync(
        IReadOnlyCollection<string> rooms, string first, string second, int limit, CancellationToken cancellationToken)
    {
        var path = new StringBuilder("api/history/targets?from=").Append(Uri.EscapeDataString(first))
            .Append("&to=").Append(Uri.EscapeDataString(second))
            .Append("&limit=").Append(limit.ToString(CultureInfo.InvariantCulture));
        foreach (var room in rooms)
        {
            path.Append("&room=").Append(Uri.EscapeDataString(room));
        }
        var answer = await GetAsync<HistoryTargets>(path.ToString(), cancellationToken);
        return answer.Outcome == HistoryOutcome.Found
            ? new(HistoryOutcome.Found, answer.Body!.Targets)
            : new(answer.Outcome, []);
    }

    private async Task<(HistoryOutcome Outcome, T? Body)> GetAsync<T>(string path, CancellationToken cancellationToken, Guid? onBehalfOf = null) where T : class
    {
        var settings = options.Value;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Timeout);
        try
        {
            var client = clients.CreateClient(ClientName);
            client.BaseAddress = settings.BaseAddress;
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            if (onBehalfOf is { } account)
            {
                request.Headers.Add(HistoryHeaders.OnBehalfOf, account.ToString());
            }
            using var response = await client.SendAsync(request, deadline.Token);
            if (response.StatusCode == HttpStatusCode.NotFound
                && await response.Content.ReadFromJsonAsync<Problem>(deadline.Token) is { Type: HistoryProblems.UnknownMessage })
            {
                return (HistoryOutcome.UnknownMessage, null);
            }
            if (!response.IsSuccessStatusCode)
            {
                LogFailed(logger, (int)response.StatusCode);
                return (HistoryOutcome.Unavailable, null);
            }
            var body = await response.Content.ReadFromJsonAsync<T>(deadline.Token);
            return body is null ? (HistoryOutcome.Unavailable, null) : (HistoryOutcome.Found, body);
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException or NotSupportedException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnavailable(logger, exception.GetType().Name);
            return (HistoryOutcome.Unavailable, null);
        }
    }



    private sealed record Problem(string? Type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The history service answered {Status}")]
    private static partial void LogFailed(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The history service is unavailable ({Failure})")]
    private static partial void LogUnavailable(ILogger logger, string failure);
}
