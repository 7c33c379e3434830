using ChatCloud.Recommendations.Data;
using ChatCloud.Recommendations.Models;
using ChatCloud.Recommendations.Ranking;
using ChatCloud.Recommendations.Workload;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatCloud.Recommendations.Tests;

/// <summary>
/// What a stored model version is made of: the ranker as bytes and the card as JSON. Storing them in
/// PostgreSQL (one transaction, the newest kept, the start-up loading the newest, retraining on request)
/// is tested against the suite's database in ChatCloud.Integration.Tests (ModelVersionStoreTests,
/// RecommendationsTrainingTests).
/// </summary>
public sealed class ModelVersionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_trained_ranker_saved_to_bytes_loads_back_scoring_the_same()
    {
        var lines = new List<string>();
        var trained = await Training().TrainAsync(new ListProgress(lines), TestContext.Current.CancellationToken).WaitAsync(Deadline, TestContext.Current.CancellationToken);
        using var stored = new MemoryStream();
        trained.Model.Save(stored);

        var loaded = RecommenderModel.Load(new MemoryStream(stored.ToArray(), writable: false), SmallSource.Log, TestContext.Current.CancellationToken);

        // The loaded ranker scores exactly as the one that was saved.
        var candidates = Enumerable.Range(0, 20).Select(i => new Candidate(3, i)).ToList();
        Assert.Equal(trained.Model.Score(candidates), loaded.Score(candidates));
        Assert.True(trained.Card.Evaluation["model"].HitRate > trained.Card.Evaluation["random"].HitRate);
        Assert.Equal(0, trained.Card.Version); // numbered by the store when saved
        Assert.InRange(stored.Length, 1_000, 200_000); // small enough for a bytea row
    }

    [Fact]
    public async Task A_card_reads_back_as_written()
    {
        var trained = await Training().TrainAsync(new ListProgress([]), TestContext.Current.CancellationToken).WaitAsync(Deadline, TestContext.Current.CancellationToken);
        var card = trained.Card with { Version = 7 };

        var read = ModelStore.ReadCard(ModelStore.WriteCard(card));

        Assert.NotNull(read);
        Assert.Equal(7, read.Version);
        Assert.Equal(card.DataSource, read.DataSource);
        Assert.Equal(card.Evaluation["model"].HitRate, read.Evaluation["model"].HitRate);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{}")]
    [InlineData("[1, 2]")]
    [InlineData("{\"version\": \"seven\"}")]
    public void An_unreadable_card_is_skipped_not_fatal(string json)
    {
        Assert.Null(ModelStore.ReadCard(json));
    }

    /// <summary>Training whose event history is empty, so it trains on the small workload.</summary>
    private static ModelTraining Training() => new(
        new TrainingDataSelector(TrainingDataTests.Fixed("no events", Logs.Of(0, 0)), new SmallSource(), Options.Create(new RecommendationsOptions()), TimeProvider.System),
        TimeProvider.System);

    private sealed class SmallSource : IInteractionSource
    {
        public static readonly InteractionLog Log = WorkloadGenerator.Generate(new WorkloadOptions { Users = 300, Rooms = 50, Communities = 5, Days = 14 });

        public string Description => "small generated workload";

        public Task<InteractionLog> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Log);
    }

    private sealed class ListProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
