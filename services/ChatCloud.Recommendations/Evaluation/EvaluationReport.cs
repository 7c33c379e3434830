using System.Globalization;
using System.Text;

namespace ChatCloud.Recommendations.Evaluation;

public sealed record ScorerResult(string Scorer, double HitRate, double Ndcg);

/// <summary>The figures of one offline evaluation, printed by the evaluate command and stored with a model version.</summary>
public sealed record EvaluationReport(
    string Protocol, int K, int Users, int Items, int Events, int Cases, double TrainingSeconds, IReadOnlyList<ScorerResult> Results)
{
    public ScorerResult this[string scorer] => Results.Single(r => r.Scorer == scorer);

    /// <summary>
    /// The model's hit rate over the popularity baseline's: the figure issue 7 sets a target for (≥ 1.5 at k = 5).
    /// Null when the baseline hit nothing (a small event history, or no held-out case): no ratio, and no
    /// infinity, which the models API's JSON cannot write.
    /// </summary>
    public double? LiftOverPopularity => this["popularity"].HitRate == 0 ? null : this["model"].HitRate / this["popularity"].HitRate;

    public override string ToString()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"protocol {Protocol}: {Users} users, {Items} items, {Events} events; {Cases} held-out cases; trained in {TrainingSeconds:F1} s");
        text.AppendLine(c, $"{"scorer",-12} {"HR@" + K,8} {"NDCG@" + K,8}");
        foreach (var r in Results)
        {
            text.AppendLine(c, $"{r.Scorer,-12} {r.HitRate,8:F3} {r.Ndcg,8:F3}");
        }
        text.Append(c, $"model / popularity HR@{K}: {(LiftOverPopularity is { } lift ? lift.ToString("F2", c) + "x" : "n/a (the baseline hit nothing)")}");
        return text.ToString();
    }
}
