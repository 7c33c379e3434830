using Microsoft.ML.Data;

namespace ChatCloud.Recommendations.Ranking;

/// <summary>The ML.NET row: the <see cref="Features.CandidateFeatures"/> vector and, in training, whether the user took the item.</summary>
internal sealed class FeatureRow
{
    public const int Width = 14;

    public bool Label { get; set; }

    [VectorType(Width)]
    public float[] Features { get; set; } = [];
}
