using System.Net;
using System.Text.Json;

namespace ChatCloud.Auth.Privacy;

/// <summary>
/// The messages service's part of a data export (<c>GET http://messages/accounts/{id}/export</c>:
/// memberships, messages, read markers), taken as the JSON it answers and passed on unchanged. One
/// deadline, no retries: the user is waiting and can ask again.
/// </summary>
public sealed partial class MessagesExportClient(HttpClient http, ILogger<MessagesExportClient> logger)
{
    public const string ClientName = "messages-export";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>The messages service's export of the account, or null when it could not be had.</summary>
    public async Task<JsonElement?> ExportAsync(Guid accountId, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            using var response = await http.GetAsync(new Uri($"accounts/{accountId}/export", UriKind.Relative), deadline.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                LogStatus(logger, (int)response.StatusCode);
                return null;
            }
            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: deadline.Token);
            return document.RootElement.Clone();
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, exception);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The messages service answered the export with status {Status}")]
    private static partial void LogStatus(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The messages service could not be reached for an export")]
    private static partial void LogUnreachable(ILogger logger, Exception exception);
}
