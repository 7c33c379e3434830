using ChatCloud.Recommendations.Api;
using ChatCloud.Recommendations.Evaluation;
using ChatCloud.Recommendations.Models;
using ChatCloud.Recommendations.Online;
using ChatCloud.Recommendations.Ranking;
using ChatCloud.Recommendations.Workload;
using Xunit;

namespace ChatCloud.Recommendations.Tests;

/// <summary>How the trained model and the online features are combined, and what the opt-out leaves.</summary>
public sealed class OnlineRankingTests
{
    private static readonly Lazy<ServingModel> Serving = new(() =>
    {
        var log = WorkloadGenerator.Generate(new WorkloadOptions { Users = 300, Rooms = 40, Communities = 4, Days = 10 });
        var model = RankerTrainer.Train(log, new RankerOptions { Trees = 20 });
        var card = new ModelCard(2, DateTimeOffset.UnixEpoch, "test", log.Interactions.Count, log.UserCount, log.ItemCount, 1, 0,
            new EvaluationReport("none", 5, 0, 0, 0, 0, 0, []));
        return new ServingModel(model, card);
    });

    private static RankedId R(string id, double score = 1, string reason = "r") => new(id, score, reason);

    [Fact]
    public void Fusion_raises_what_both_lists_rank_and_keeps_the_reason_of_the_better_place()
    {
        var fused = RankFusion.Fuse([[R("#a", reason: "model a"), R("#b", reason: "model b"), R("#c")], [R("#b", reason: "online b"), R("#d")]], 3, _ => false);

        Assert.Equal(["#b", "#a", "#d"], fused.Select(f => f.Id));
        Assert.Equal("online b", fused[0].Reason);
        Assert.Equal(Math.Round((1.0 / 12) + (1.0 / 11), 4), fused[0].Score);
    }

    [Fact]
    public void Fusion_leaves_out_excluded_ids_without_costing_the_others_a_place()
    {
        var fused = RankFusion.Fuse([[R("#gone"), R("#kept")]], 5, id => id == "#gone");

        Assert.Equal(["#kept"], fused.Select(f => f.Id));
        Assert.Equal(Math.Round(1.0 / 11, 4), fused[0].Score);
    }

    [Fact]
    public void A_new_account_with_online_activity_gets_personal_rooms_and_never_its_own()
    {
        var online = new OnlineSignals(false, new OnlineUser(["#mine"], [], []), [R("#fresh", 2, "people in #mine are here too")], [], []);

        var list = Suggestions.Rooms(Serving.Value, Guid.NewGuid().ToString(), 5, new HashSet<string>(), online);

        Assert.True(list.Personalised);
        Assert.Equal("#fresh", list.Items[0].Id);
        Assert.Equal("people in #mine are here too", list.Items[0].Reason);
        Assert.DoesNotContain(list.Items, i => i.Id == "#mine");
    }

    [Fact]
    public void Rooms_the_batch_model_knows_feed_its_item_knn_for_an_account_it_was_not_trained_on()
    {
        var log = Serving.Value.Model.Index.Log;
        var known = log.ItemIds[Serving.Value.Model.Index.KnownItems().First()];
        var online = new OnlineSignals(false, new OnlineUser([known], [known], []), [], [], []);

        var list = Suggestions.Rooms(Serving.Value, Guid.NewGuid().ToString(), 5, new HashSet<string>(), online);

        Assert.True(list.Personalised);
        Assert.NotEmpty(list.Items);
        Assert.All(list.Items, i => Assert.Equal($"people in {known} are here too", i.Reason));
        Assert.DoesNotContain(list.Items, i => i.Id == known);
    }

    [Fact]
    public void An_opted_out_account_known_to_the_model_gets_the_popular_list()
    {
        var active = Serving.Value.Model.Index.Log.UserIds[0];
        var optedOut = new OnlineSignals(true, OnlineUser.Empty, [], [], [R("#busy", 40, RecommenderModel.PopularReason)]);

        var personal = Suggestions.Rooms(Serving.Value, active, 5, new HashSet<string>());
        var impersonal = Suggestions.Rooms(Serving.Value, active, 5, new HashSet<string>(), optedOut);
        var people = Suggestions.People(Serving.Value, active, 5, new HashSet<string>(), optedOut);

        Assert.True(personal.Personalised);
        Assert.False(impersonal.Personalised);
        Assert.Equal("#busy", impersonal.Items[0].Id);
        Assert.All(impersonal.Items, i => Assert.Equal(RecommenderModel.PopularReason, i.Reason));
        Assert.False(people.Personalised);
    }
}
