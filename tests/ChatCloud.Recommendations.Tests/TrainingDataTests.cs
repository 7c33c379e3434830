using ChatCloud.Recommendations.Data;
using ChatCloud.Recommendations.Evaluation;
using ChatCloud.Recommendations.EventHistory;
using ChatCloud.Recommendations.Models;
using ChatCloud.Recommendations.Workload;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatCloud.Recommendations.Tests;

/// <summary>The event history as training data: visits from stored rows, and the choice between it and the generated workload.</summary>
public sealed class TrainingDataTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static StoredInteraction Row(string account, string kind, string target, double minutes, string? name = null) =>
        new(Guid.NewGuid(), account, name, kind, target, InteractionKinds.WeightOf(kind), Start.AddMinutes(minutes));

    [Fact]
    public void Rows_become_one_interaction_per_account_room_and_hour_weighted_by_messages()
    {
        var builder = new EventLogBuilder();
        foreach (var row in new[]
        {
            Row("id-ann", InteractionKinds.Join, "#knit", 1, "Ann"),
            Row("id-ann", InteractionKinds.Message, "#knit", 2, "Ann"),
            Row("id-ann", InteractionKinds.Message, "#knit", 30, "Ann"),
            Row("id-ann", InteractionKinds.Message, "#knit", 75, "Ann"), // the next hour: a second visit
            Row("id-bob", InteractionKinds.Read, "#knit", 5),
            Row("id-bob", InteractionKinds.Join, "#yarn", 6, "Bob"),
        })
        {
            builder.Add(row);
        }

        var log = builder.Build();

        Assert.Equal(["id-ann", "id-bob"], log.UserIds);
        Assert.Equal(["#knit", "#yarn"], log.ItemIds);
        Assert.Equal(["Ann", "Bob"], log.UserNames!);
        Assert.Equal(
            [new Interaction(0, 0, Start.AddMinutes(1).ToUnixTimeSeconds(), 2), new Interaction(1, 0, Start.AddMinutes(5).ToUnixTimeSeconds(), 1),
             new Interaction(1, 1, Start.AddMinutes(6).ToUnixTimeSeconds(), 1), new Interaction(0, 0, Start.AddMinutes(75).ToUnixTimeSeconds(), 1)],
            log.Interactions);
    }

    [Fact]
    public void Rows_summed_per_visit_by_the_database_give_the_same_log_as_raw_rows()
    {
        var raw = new EventLogBuilder();
        raw.Add(Row("a", InteractionKinds.Join, "#knit", 1, "A"));
        raw.Add(Row("a", InteractionKinds.Message, "#knit", 3, "A"));
        raw.Add(Row("a", InteractionKinds.Message, "#knit", 4, "A"));
        var summed = new EventLogBuilder();
        summed.Add(Row("a", InteractionKinds.Join, "#knit", 1, "A"));
        summed.Add(new StoredInteraction(Guid.Empty, "a", "A", InteractionKinds.Message, "#knit", 2, Start.AddMinutes(3)));

        Assert.Equal(raw.Build().Interactions, summed.Build().Interactions);
    }

    [Fact]
    public void Direct_messages_to_a_known_account_become_contacts_and_others_are_left_out()
    {
        var builder = new EventLogBuilder();
        builder.Add(Row("id-ann", InteractionKinds.Join, "#knit", 1, "Ann"));
        builder.Add(Row("id-bob", InteractionKinds.Join, "#knit", 2, "Bob[1]"));
        builder.Add(Row("id-ann", InteractionKinds.Direct, "bob{1}", 3, "Ann")); // folded (rfc1459: [ is {)
        builder.Add(Row("id-ann", InteractionKinds.Direct, "nobody", 4, "Ann"));
        builder.Add(Row("id-ann", InteractionKinds.Direct, "ann", 5, "Ann")); // a note to oneself

        var log = builder.Build();

        var contact = Assert.Single(log.Contacts);
        Assert.Equal(new Contact(0, 1, Start.AddMinutes(3).ToUnixTimeSeconds()), contact);
        Assert.Equal(2, log.Interactions.Count);
    }

    [Fact]
    public async Task The_event_history_is_chosen_once_it_holds_enough_accounts_and_interactions()
    {
        var events = Fixed("event history", Logs.Of(3, 2, (0, 0, 1), (1, 0, 2), (2, 1, 3), (0, 1, 4)));
        var generated = Fixed("generated workload", Logs.Of(1, 1, (0, 0, 1)));
        var lines = new List<string>();

        var below = await Selector(events, generated, minAccounts: 4, minInteractions: 4).SelectAsync(new ListProgress(lines), TestContext.Current.CancellationToken);
        var fewInteractions = await Selector(events, generated, minAccounts: 3, minInteractions: 5).SelectAsync(new ListProgress([]), TestContext.Current.CancellationToken);
        var selector = Selector(events, generated, minAccounts: 3, minInteractions: 4);
        var enough = await selector.SelectAsync(new ListProgress(lines), TestContext.Current.CancellationToken);

        Assert.Equal(TrainingData.Generated, below.Source);
        Assert.Equal("generated workload", below.Description);
        Assert.Equal(TrainingData.Generated, fewInteractions.Source);
        Assert.Equal(TrainingData.Events, enough.Source);
        Assert.StartsWith("event history: 4 interactions of 3 accounts", enough.Description, StringComparison.Ordinal);
        Assert.Equal(new TrainingDataChoice(TrainingData.Events, 3, 4, 1, 3, 4, selector.LastChoice!.ChosenAt), selector.LastChoice);
        Assert.Contains(lines, l => l.Contains("short of the thresholds (4 accounts, 4 interactions): training on the generated workload", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("training on the event history", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_small_event_history_like_the_integration_tests_trains_and_its_card_names_the_events()
    {
        // Six accounts in three rooms, one also in a fourth; twenty seconds on, five follow it there.
        var builder = new EventLogBuilder();
        foreach (var (user, n) in Enumerable.Range(1, 6).Select((u, n) => ($"id-{u}", n)))
        {
            foreach (var room in new[] { "#knit", "#yarn", "#purl" })
            {
                builder.Add(Row(user, InteractionKinds.Join, room, n * 0.02, $"user{n}"));
            }
            builder.Add(Row(user, n == 5 ? InteractionKinds.Join : InteractionKinds.Message, n == 5 ? "#felt" : "#knit", 0.15));
            if (n < 5)
            {
                builder.Add(Row(user, InteractionKinds.Join, "#felt", 0.5 + (n * 0.01)));
            }
        }
        var events = Fixed("event history", builder.Build());
        var training = new ModelTraining(Selector(events, Fixed("generated", Logs.Of(1, 1, (0, 0, 1))), 5, 20), TimeProvider.System);

        var trained = await training.TrainAsync(new ListProgress([]), TestContext.Current.CancellationToken);

        Assert.Equal(TrainingData.Events, trained.Card.Source);
        Assert.Equal(24, trained.Card.Events);
        // The card as stored (recommendations.model_versions) still names its source.
        Assert.Equal(TrainingData.Events, ModelStore.ReadCard(ModelStore.WriteCard(trained.Card))?.Source);
    }

    [Fact]
    public async Task An_event_history_without_a_held_out_case_is_trained_on_and_its_card_says_no_cases()
    {
        // Everyone joins their rooms, and hours later only talks in them again: no one takes up a new room late in the period.
        var builder = new EventLogBuilder();
        var rooms = new[] { "#knit", "#yarn", "#purl", "#felt" };
        for (var n = 0; n < 6; n++)
        {
            foreach (var room in rooms.Skip(n % 2).Take(3))
            {
                builder.Add(Row($"id-{n}", InteractionKinds.Join, room, n, $"user{n}"));
                builder.Add(Row($"id-{n}", InteractionKinds.Message, room, 300 + n));
            }
        }
        var lines = new List<string>();

        var trained = await TrainOnEventsAsync(builder, lines);

        Assert.Equal(TrainingData.Events, trained.Card.Source);
        Assert.Equal(0, trained.Card.Evaluation.Cases);
        Assert.Equal(0, trained.Card.Evaluation["model"].HitRate);
        Assert.Equal(OfflineEvaluator.Scorers, trained.Card.Evaluation.Results.Select(r => r.Scorer)); // the names a report without a run uses too
        // The models API writes the card as JSON: a lift over a baseline that hit nothing is null, not an infinity it cannot write.
        Assert.Null(trained.Card.Evaluation.LiftOverPopularity);
        Assert.Contains("\"liftOverPopularity\":null", System.Text.Json.JsonSerializer.Serialize(trained.Card, WebJson), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("the time split found no held-out case", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_history_whose_first_four_fifths_hold_no_account_with_two_rooms_is_trained_on_without_figures()
    {
        // A long quiet start (one room an account), then the accounts that use several rooms: the time
        // split's training part has nothing to learn from, the whole history has. The integration suite's
        // event history is like that when its multi-room tests run late (a CI run failed on it).
        var builder = new EventLogBuilder();
        for (var n = 0; n < 6; n++)
        {
            builder.Add(Row($"early-{n}", InteractionKinds.Join, $"#alone-{n}", n * 0.1, $"early{n}"));
        }
        for (var n = 0; n < 6; n++)
        {
            foreach (var room in new[] { "#knit", "#yarn", "#purl" })
            {
                builder.Add(Row($"id-{n}", InteractionKinds.Join, room, 1.9 + (n * 0.001), $"user{n}"));
            }
        }
        var lines = new List<string>();

        var trained = await TrainOnEventsAsync(builder, lines);

        Assert.Equal(TrainingData.Events, trained.Card.Source);
        Assert.Equal(0, trained.Card.Evaluation.Cases);
        Assert.Equal(OfflineEvaluator.Scorers, trained.Card.Evaluation.Results.Select(r => r.Scorer));
        Assert.Contains(lines, l => l.StartsWith("the time split's training part has no user with two rooms", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("the time split found no held-out case", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_history_where_no_account_used_two_rooms_is_passed_over_for_the_generated_workload()
    {
        // Enough by the thresholds, but one room an account: nothing to learn from. A retraining still gives a model.
        var events = Fixed("event history", Logs.Of(3, 3, (0, 0, 1), (1, 1, 2), (2, 2, 3)));
        var selector = Selector(events, Fixed("generated workload", Logs.Of(1, 1, (0, 0, 1))), 1, 1);
        var lines = new List<string>();

        var chosen = await selector.SelectAsync(new ListProgress(lines), TestContext.Current.CancellationToken);

        Assert.Equal(TrainingData.Generated, chosen.Source);
        Assert.Equal(new TrainingDataChoice(TrainingData.Generated, 3, 3, 0, 1, 1, selector.LastChoice!.ChosenAt), selector.LastChoice);
        Assert.Contains(lines, l => l.EndsWith("no account used two rooms, nothing to learn from; training on the generated workload", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_history_that_cannot_be_trained_on_falls_back_only_when_no_model_is_in_use()
    {
        // Learnable by the selector's measure, but more rooms than the dense item-item similarity takes (CoActivity.MaxItems).
        var rooms = Features.CoActivity.MaxItems + 1;
        var events = Fixed("event history", Logs.Of(rooms, rooms, [.. Enumerable.Range(0, rooms).Select(n => (n, n, (long)n)), (0, 1, rooms)]));
        var generated = Fixed("small generated workload", WorkloadGenerator.Generate(new WorkloadOptions { Users = 200, Rooms = 30, Communities = 3, Days = 10 }));
        var training = new ModelTraining(Selector(events, generated, 1, 1), TimeProvider.System);
        var lines = new List<string>();

        await Assert.ThrowsAsync<NotSupportedException>(() => training.TrainAsync(new ListProgress([]), TestContext.Current.CancellationToken));
        var fallen = await training.TrainAsync(new ListProgress(lines), TestContext.Current.CancellationToken, fallBackOnFailure: true);

        Assert.Equal(TrainingData.Generated, fallen.Card.Source);
        Assert.Equal("small generated workload", fallen.Card.DataSource);
        Assert.Contains(lines, l => l.StartsWith("the event history could not be trained on", StringComparison.Ordinal));
    }

    [Fact]
    public void People_from_a_log_keyed_by_account_id_are_suggested_by_name()
    {
        var log = new InteractionLog(
            [new Interaction(0, 0, 1, 1), new Interaction(1, 0, 2, 1), new Interaction(2, 0, 3, 1), new Interaction(0, 1, 4, 1), new Interaction(1, 1, 5, 1)],
            [new Contact(1, 2, 6)], ["id-ann", "id-bob", "id-cid"], ["#knit", "#yarn"])
        {
            UserNames = ["ann", "bob", null],
        };
        var model = Ranking.RankerTrainer.Train(log, new Ranking.RankerOptions { Threads = 1 }, cancellationToken: TestContext.Current.CancellationToken);
        var serving = new ServingModel(model, new ModelCard(1, DateTimeOffset.UnixEpoch, "test", 5, 3, 2, 1, 0,
            new Evaluation.EvaluationReport("test", 5, 3, 2, 5, 0, 0, []), TrainingData.Events));

        var people = Api.Suggestions.People(serving, "id-ann", 5, new HashSet<string>(StringComparer.Ordinal) { "id-ann" });

        Assert.Equal(["bob"], people.Items.Select(i => i.Id));
    }

    /// <summary>A run on <paramref name="builder"/>'s history, chosen over a one-event generated workload by the default thresholds.</summary>
    private static Task<ServingModel> TrainOnEventsAsync(EventLogBuilder builder, List<string> lines) =>
        new ModelTraining(Selector(Fixed("event history", builder.Build()), Fixed("generated", Logs.Of(1, 1, (0, 0, 1))), 5, 20), TimeProvider.System)
            .TrainAsync(new ListProgress(lines), TestContext.Current.CancellationToken);

    internal static IInteractionSource Fixed(string description, InteractionLog log) => new FixedSource(description, log);

    private static TrainingDataSelector Selector(IInteractionSource events, IInteractionSource generated, int minAccounts, int minInteractions) =>
        new(events, generated, Options.Create(new RecommendationsOptions { TrainingMinAccounts = minAccounts, TrainingMinInteractions = minInteractions }), TimeProvider.System);

    private sealed class FixedSource(string description, InteractionLog log) : IInteractionSource
    {
        public string Description => description;

        public Task<InteractionLog> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(log);
    }

    private sealed class ListProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
