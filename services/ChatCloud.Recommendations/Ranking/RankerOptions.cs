namespace ChatCloud.Recommendations.Ranking;

/// <summary>How negatives are drawn for the ranker's training rows.</summary>
public enum NegativeSampling
{
    /// <summary>Uniform over items the user never used: matches the leave-one-out protocol's 100 sampled negatives.</summary>
    Uniform,

    /// <summary>Half uniform, half in proportion to popularity: matches ranking every room, where the hard competitors are the popular ones.</summary>
    Mixed,
}

/// <summary>The trainer's settings; small trees and few of them so training fits in seconds on two cores.</summary>
public sealed record RankerOptions
{
    public int Seed { get; init; } = 1;
    public NegativeSampling Negatives { get; init; } = NegativeSampling.Mixed;
    public int NegativesPerPositive { get; init; } = 40;

    /// <summary>Latest new items hidden per user to label the training rows: more than one gives the trees more to learn from.</summary>
    public int PositivesPerUser { get; init; } = 3;
    public int Trees { get; init; } = 150;
    public int Leaves { get; init; } = 24;
    public int MinimumRowsPerLeaf { get; init; } = 20;
    public double LearningRate { get; init; } = 0.1;
}
