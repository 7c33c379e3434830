namespace ChatCloud.Recommendations.Ranking;

/// <summary>How negatives are drawn for the ranker's training rows.</summary>
public enum NegativeSampling
{
    /// <summary>Uniform over items the user never used: matches the leave-one-out protocol's 100 sampled negatives.</summary>
    Uniform,

    /// <summary>
    /// A quarter uniform, a quarter in proportion to popularity, half from the rooms item-kNN ranks
    /// highest for the user: matches ranking every room, where the competitors are the popular and the similar ones.
    /// </summary>
    Mixed,
}

/// <summary>Where the ranker's positive training rows come from (<see cref="RankerTrainer"/>).</summary>
public enum LabelSplit
{
    /// <summary>Each user's latest new items: mirrors leave-one-out.</summary>
    LatestItems,

    /// <summary>New rooms used in the last part of the period: mirrors the time split and serving.</summary>
    TimeWindow,
}

/// <summary>What the trees optimise.</summary>
public enum RankerObjective
{
    /// <summary>Log-loss of "took it" against sampled negatives.</summary>
    Binary,

    /// <summary>LambdaRank: NDCG of each positive among its own negatives.</summary>
    LambdaRank,
}

/// <summary>The trainer's settings; small trees and few of them so training fits in seconds on two cores.</summary>
public sealed record RankerOptions
{
    public int Seed { get; init; } = 1;
    public NegativeSampling Negatives { get; init; } = NegativeSampling.Mixed;
    public LabelSplit Labels { get; init; } = LabelSplit.LatestItems;
    public RankerObjective Objective { get; init; } = RankerObjective.LambdaRank;

    /// <summary>With <see cref="LabelSplit.TimeWindow"/>: the share of the period at its end whose new rooms are the labels.</summary>
    public double LabelWindow { get; init; } = 0.2;
    public int NegativesPerPositive { get; init; } = 40;

    /// <summary>Latest new items hidden per user to label the training rows: more than one gives the trees more to learn from.</summary>
    public int PositivesPerUser { get; init; } = 3;
    public int Trees { get; init; } = 150;
    public int Leaves { get; init; } = 8;
    public int MinimumRowsPerLeaf { get; init; } = 50;
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Threads for the trees; null is one per core. The service trains on one, so serving and the other services keep the rest.</summary>
    public int? Threads { get; init; }
}
