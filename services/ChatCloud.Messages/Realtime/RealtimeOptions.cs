using System.ComponentModel.DataAnnotations;

namespace ChatCloud.Messages.Realtime;

/// <summary>The web's realtime edge (docs/web-realtime.md), section <c>Realtime</c>.</summary>
public sealed class RealtimeOptions
{
    public const string SectionName = "Realtime";

    /// <summary>How long an account stays in its rooms after its last tab closed: a reload or a blink is not a QUIT and a JOIN.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan QuitGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events a tab may be behind before it is closed and told to fetch from history.</summary>
    [Range(16, 100_000)]
    public int ConnectionQueueLength { get; set; } = 2_000;

    /// <summary>Sends waiting to be stored, across all tabs of this instance; more are refused until some are.</summary>
    [Range(16, 1_000_000)]
    public int MaxPendingPosts { get; set; } = 10_000;

    /// <summary>Sends (messages, typing notices) an account may make at once: the TCP edge's <c>Irc:Flood:Burst</c>.</summary>
    [Range(1, 10_000)]
    public int SendBurst { get; set; } = 20;

    /// <summary>Sends a second after the burst: the TCP edge's <c>Irc:Flood:LinesPerSecond</c>.</summary>
    [Range(0.01, 10_000)]
    public double SendsPerSecond { get; set; } = 4;

    /// <summary>How long a tab that overflowed its queue is given to take the <c>resync</c> notice before it is closed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ResyncGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The deadline of one room command or post.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan AuthorityTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
