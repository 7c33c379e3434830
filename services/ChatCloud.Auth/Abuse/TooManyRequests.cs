using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatCloud.Auth.Abuse;

/// <summary>429 Too Many Requests with <c>Retry-After</c> in whole seconds (RFC 6585 §4, RFC 9110 §10.2.3), as a problem.</summary>
public static class TooManyRequests
{
    public const string Title = "Too many attempts.";

    public static void SetRetryAfter(HttpResponse response, TimeSpan retryAfter) =>
        response.Headers.RetryAfter = Seconds(retryAfter).ToString(CultureInfo.InvariantCulture);

    public static ProblemHttpResult Problem(HttpContext http, TimeSpan retryAfter)
    {
        SetRetryAfter(http.Response, retryAfter);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: Title,
            detail: $"Too many attempts from this address; try again in {Seconds(retryAfter)} seconds.");
    }

    public static long Seconds(TimeSpan retryAfter) => Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));

    /// <summary>
    /// The address a rate limit counts: the client's as a trusted caller reports it (the TCP edge
    /// sends its IRC client's), else the connection's own. Only a parseable IP is taken.
    /// </summary>
    public static string? AddressOf(string? reported) =>
        reported is not null && IPAddress.TryParse(reported, out var parsed) ? parsed.ToString() : null;

    public static string RemoteAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
