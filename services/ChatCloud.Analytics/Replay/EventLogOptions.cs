using System.ComponentModel.DataAnnotations;

namespace ChatCloud.Analytics.Replay;

/// <summary>How long the event log keeps what a rebuild refolds (docs/analytics.md).</summary>
public sealed class EventLogOptions
{
    public const string SectionName = "Analytics:EventLog";

    /// <summary>
    /// Entries older than this go; a rebuild after that cannot restore the figures before them
    /// (and says so). The default outlasts the longest report range (366 days).
    /// </summary>
    [Range(1, 36_500)]
    public int RetentionDays { get; set; } = 400;

    /// <summary>How often old entries are pruned.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan PruneEvery { get; set; } = TimeSpan.FromHours(1);
}
