namespace ChatCloud.Recommendations.Workload;

/// <summary>The shape of a synthetic chat community; the defaults are the data of docs/ml.md.</summary>
public sealed record WorkloadOptions
{
    public int Seed { get; init; } = 42;
    public int Users { get; init; } = 2000;
    public int Rooms { get; init; } = 300;
    public int Communities { get; init; } = 12;
    public int Days { get; init; } = 28;

    /// <summary>Mean sessions per active user and day (log-normal across users: a few heavy users, many light ones).</summary>
    public double SessionsPerDay { get; init; } = 1.2;

    /// <summary>Mean days a user stays before leaving for good (exponential): the churn.</summary>
    public double MeanLifetimeDays { get; init; } = 40;

    /// <summary>Share of sessions spent in a room the user already knows; the rest explore a new room.</summary>
    public double RevisitShare { get; init; } = 0.8;

    /// <summary>When exploring, the share that follows people the user talks to into their rooms.</summary>
    public double SocialShare { get; init; } = 0.35;

    /// <summary>When exploring, the share that picks a room at random (noise no model can learn).</summary>
    public double NoiseShare { get; init; } = 0.1;

    /// <summary>Chance that a session includes talking to someone else active in the same room.</summary>
    public double TalkChance { get; init; } = 0.3;

    /// <summary>The first simulated day (Unix seconds, midnight UTC), fixed so output is the same for a seed.</summary>
    public long StartUnixSeconds { get; init; } = 1_767_225_600; // 2026-01-01

    public void Validate()
    {
        if (Users is < 2 or > 1_000_000 || Rooms is < 2 or > 100_000 || Communities < 1 || Communities > Rooms || Days is < 1 or > 3650)
        {
            throw new ArgumentException("users 2..1000000, rooms 2..100000, communities 1..rooms, days 1..3650");
        }
        if (SessionsPerDay <= 0 || MeanLifetimeDays <= 0)
        {
            throw new ArgumentException("sessions per day and mean lifetime must be positive");
        }
        foreach (var share in new[] { RevisitShare, SocialShare, NoiseShare, TalkChance })
        {
            if (share is < 0 or > 1)
            {
                throw new ArgumentException("shares and chances are between 0 and 1");
            }
        }
    }
}
