using ChatCloud.Recommendations.Data;
using ChatCloud.Recommendations.Models;
using ChatCloud.Recommendations.Workload;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatCloud.Recommendations.Tests;

/// <summary>Model versions on disk with their figures, loading the newest, the atomic swap, and retraining on demand.</summary>
public sealed class ModelVersionTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatcloud-models-" + Guid.NewGuid().ToString("N"));
    private readonly SmallSource _source = new();

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_trained_version_is_stored_with_its_figures_and_loads_back()
    {
        var store = new ModelStore(_directory);
        var trainer = Trainer(store);
        var lines = new List<string>();

        var trained = await trainer.TrainAsync(keepVersions: 3, new ListProgress(lines), TestContext.Current.CancellationToken).WaitAsync(Deadline, TestContext.Current.CancellationToken);
        var loaded = await trainer.LoadLatestAsync(TestContext.Current.CancellationToken).WaitAsync(Deadline, TestContext.Current.CancellationToken);

        var card = Assert.Single(store.List());
        Assert.Equal(1, card.Version);
        Assert.Equal(trained.Card.Evaluation["model"].HitRate, card.Evaluation["model"].HitRate);
        Assert.True(card.Evaluation["model"].HitRate > card.Evaluation["random"].HitRate);
        Assert.Contains(lines, l => l.StartsWith("saved version 1", StringComparison.Ordinal));
        Assert.NotNull(loaded);
        // The loaded ranker scores exactly as the one that was saved.
        var candidates = Enumerable.Range(0, 20).Select(i => new Ranking.Candidate(3, i)).ToList();
        Assert.Equal(trained.Model.Score(candidates), loaded.Model.Score(candidates));
        Assert.Empty(Directory.EnumerateDirectories(_directory, ".staging-*"));
    }

    [Fact]
    public async Task Only_the_newest_versions_are_kept()
    {
        var store = new ModelStore(_directory);
        var trainer = Trainer(store);

        for (var i = 0; i < 3; i++)
        {
            await trainer.TrainAsync(keepVersions: 2, new ListProgress([]), TestContext.Current.CancellationToken).WaitAsync(Deadline, TestContext.Current.CancellationToken);
        }

        Assert.Equal([3, 2], store.List().Select(c => c.Version));
    }

    [Fact]
    public async Task An_unreadable_or_half_written_version_is_skipped()
    {
        var store = new ModelStore(_directory);
        var trainer = Trainer(store);
        await trainer.TrainAsync(keepVersions: 5, new ListProgress([]), TestContext.Current.CancellationToken).WaitAsync(Deadline, TestContext.Current.CancellationToken);
        Directory.CreateDirectory(Path.Combine(_directory, "v000009"));
        File.WriteAllText(Path.Combine(_directory, "v000009", ModelStore.CardFile), "{ not json");
        File.WriteAllText(Path.Combine(_directory, "v000009", ModelStore.RankerFile), "");
        Directory.CreateDirectory(Path.Combine(_directory, "v000010")); // no files at all

        Assert.Equal([1], store.List().Select(c => c.Version));
        Assert.Equal(11, store.NextVersion());
    }

    [Fact]
    public async Task The_service_trains_at_start_and_again_on_request_swapping_the_model_in_use()
    {
        var options = Options.Create(new RecommendationsOptions { RetrainInterval = TimeSpan.FromHours(1), KeepVersions = 5 });
        var holder = new ModelHolder();
        var progress = new RetrainingProgress(TimeProvider.System, NullLogger<RetrainingProgress>.Instance);
        using var service = new RetrainingService(Trainer(new ModelStore(_directory)),
            holder, progress, options, TimeProvider.System, NullLogger<RetrainingService>.Instance);

        await service.StartAsync(TestContext.Current.CancellationToken);
        var first = await WaitForVersionAsync(holder, 1);
        Assert.True(service.RequestRetraining("test"));
        var second = await WaitForVersionAsync(holder, 2);
        await service.StopAsync(TestContext.Current.CancellationToken);

        Assert.NotSame(first.Model, second.Model);
        Assert.False(progress.Status.Running);
        Assert.Equal(2, progress.Status.LastVersion);
        Assert.Contains(progress.Status.Log, l => l.EndsWith("saved version 2", StringComparison.Ordinal));
    }

    /// <summary>A trainer whose event history is empty, so it trains on the small workload.</summary>
    private ModelTrainer Trainer(ModelStore store) => new(
        new TrainingDataSelector(TrainingDataTests.Fixed("no events", Logs.Of(0, 0)), _source, Options.Create(new RecommendationsOptions()), TimeProvider.System),
        store, TimeProvider.System);

    private static async Task<ServingModel> WaitForVersionAsync(ModelHolder holder, int version)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Deadline);
        while (holder.Current is not { } current || current.Card.Version < version)
        {
            await Task.Delay(50, timeout.Token);
        }
        return holder.Current;
    }

    private sealed class SmallSource : IInteractionSource
    {
        private readonly InteractionLog _log = WorkloadGenerator.Generate(new WorkloadOptions { Users = 300, Rooms = 50, Communities = 5, Days = 14 });

        public string Description => "small generated workload";

        public Task<InteractionLog> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(_log);
    }

    private sealed class ListProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
