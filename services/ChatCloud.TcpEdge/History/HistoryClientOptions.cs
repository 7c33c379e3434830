using System.ComponentModel.DataAnnotations;

namespace ChatCloud.TcpEdge.History;

/// <summary>Section <c>History</c>: where the history service is and how long the edge waits for it.</summary>
public sealed class HistoryClientOptions
{
    public const string SectionName = "History";

    /// <summary>Resolved by Aspire service discovery (<c>ResourceNames.History</c>).</summary>
    [Required]
    public Uri BaseAddress { get; set; } = new($"http://{ResourceNames.History}");

    /// <summary>
    /// A CHATHISTORY waits at most this long (retries included) before the client gets
    /// <c>FAIL CHATHISTORY MESSAGE_ERROR</c>; the connection's next command waits behind it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
