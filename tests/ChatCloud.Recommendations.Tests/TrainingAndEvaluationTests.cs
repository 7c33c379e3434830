using ChatCloud.Recommendations.Evaluation;
using ChatCloud.Recommendations.Workload;
using Xunit;

namespace ChatCloud.Recommendations.Tests;

/// <summary>
/// The model trained on generated activity against the baselines (issue 7): at least 1.5× the
/// popularity baseline's HR@5 on the time split, and better than popularity under leave-one-out.
/// Smaller than the figures of docs/ml.md so the suite stays quick on two cores.
/// </summary>
public sealed class TrainingAndEvaluationTests
{
    private static readonly WorkloadOptions Workload = new() { Users = 1000, Rooms = 150, Communities = 8, Days = 21 };

    [Fact]
    public void The_model_beats_popularity_by_half_on_the_time_split()
    {
        var log = WorkloadGenerator.Generate(Workload);

        var report = OfflineEvaluator.TimeSplit(log, k: 5, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(report.Cases >= 100, report.ToString());
        Assert.True(report.LiftOverPopularity >= 1.5, report.ToString());
        Assert.True(report["model"].Ndcg > report["popularity"].Ndcg, report.ToString());
        Assert.True(report["popularity"].HitRate > report["random"].HitRate, report.ToString());
    }

    [Fact]
    public void The_model_beats_popularity_under_leave_one_out_with_sampled_negatives()
    {
        var log = WorkloadGenerator.Generate(Workload with { Seed = 3 });

        var report = OfflineEvaluator.LeaveOneOutSampled(log, k: 10, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(report["model"].HitRate > report["popularity"].HitRate, report.ToString());
        Assert.True(report["model"].Ndcg > report["popularity"].Ndcg, report.ToString());
        // 10 of 101 candidates: a random ranking hits about 10 % of the time.
        Assert.InRange(report["random"].HitRate, 0.03, 0.2);
    }
}
