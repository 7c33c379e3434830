using Microsoft.ML.Data;

namespace ChatCloud.Recommendations.Ranking;

/// <summary>The ML.NET row: the <see cref="Features.CandidateFeatures"/> vector and, in training, whether the user took the item.</summary>
internal sealed class FeatureRow
{
    public const int Width = 14;

    public bool Label { get; set; }

    /// <summary>The label as a relevance grade, for the ranking objective.</summary>
    public float Relevance { get; set; }

    /// <summary>The query a row belongs to (a positive and its negatives), for the ranking objective.</summary>
    public uint Group { get; set; }

    [VectorType(Width)]
    public float[] Features { get; set; } = [];
}
