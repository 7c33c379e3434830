using System.ComponentModel.DataAnnotations;

namespace ChatCloud.Gateway.Edge;

/// <summary>
/// Section <c>Gateway:Limits</c>: what one client may ask of the gateway (issue 6, "request size
/// limits, and rate limiting at the edge"). The defaults leave a person's browser, which loads the
/// app and then makes a few calls a second, far below them; a script hammering the API from one
/// address is not.
/// </summary>
public sealed class EdgeLimitsOptions
{
    public const string SectionName = "Gateway:Limits";

    /// <summary>The largest request body: API calls are small JSON; nothing is uploaded through the gateway.</summary>
    [Range(1_024, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>All request headers together (Kestrel's default is 32 KiB; tokens and cookies fit in far less).</summary>
    [Range(1_024, 1024 * 1024)]
    public int MaxRequestHeadersBytes { get; set; } = 32 * 1024;

    /// <summary>Requests one client address may make at once (the token bucket's size).</summary>
    [Range(1, 1_000_000)]
    public int RequestBurst { get; set; } = 200;

    /// <summary>Requests one client address may make each second after its burst.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerSecond { get; set; } = 50;
}
