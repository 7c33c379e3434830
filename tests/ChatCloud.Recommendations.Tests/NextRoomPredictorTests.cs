using ChatCloud.Recommendations.Evaluation;
using ChatCloud.Recommendations.Online;
using ChatCloud.Recommendations.Workload;
using Xunit;

namespace ChatCloud.Recommendations.Tests;

/// <summary>The next-room model: habits out of the current room, recency, and the user's other rooms.</summary>
public sealed class NextRoomPredictorTests
{
    [Fact]
    public void A_habit_out_of_the_current_room_comes_first()
    {
        // Newest first: the user is in #work now; every time before, #random followed #work.
        string[] opens = ["#work", "#music", "#random", "#work", "#random", "#work", "#music", "#music"];

        var next = NextRoomPredictor.Predict(opens, [], 3);

        Assert.Equal("#random", next[0].Room);
        Assert.Equal("you usually open it after #work", next[0].Reason);
        Assert.Equal("#music", next[1].Room);
        Assert.DoesNotContain(next, n => n.Room == "#work");
    }

    [Fact]
    public void Without_habits_the_rooms_opened_lately_come_first_then_the_users_other_rooms()
    {
        var next = NextRoomPredictor.Predict(["#now", "#recent", "#older"], ["#now", "#quiet"], 5);

        Assert.Equal(["#recent", "#older", "#quiet"], next.Select(n => n.Room));
        Assert.Equal("you opened it lately", next[0].Reason);
        Assert.Equal("one of your rooms", next[2].Reason);
        Assert.True(next[0].Probability > next[1].Probability && next[1].Probability > next[2].Probability);
    }

    [Fact]
    public void Probabilities_never_sum_past_one_and_nothing_is_predicted_without_activity()
    {
        string[] opens = ["#a", "#b", "#a", "#c", "#b", "#a", "#d"];

        var next = NextRoomPredictor.Predict(opens, ["#e"], 10);

        Assert.True(next.Sum(n => n.Probability) <= 1.0001);
        Assert.Empty(NextRoomPredictor.Predict([], [], 3));
    }

    [Fact]
    public void At_sign_in_the_room_open_last_is_predicted_first()
    {
        var during = NextRoomPredictor.Predict(["#last", "#before"], [], 3);
        var atSignIn = NextRoomPredictor.Predict(["#last", "#before"], [], 3, atSignIn: true);

        Assert.Equal(["#before"], during.Select(n => n.Room));
        Assert.Equal(["#last", "#before"], atSignIn.Select(n => n.Room));
    }

    [Fact]
    public void Replayed_over_generated_opens_the_model_beats_the_recency_baseline()
    {
        var log = WorkloadGenerator.Generate(new WorkloadOptions { Users = 300, Rooms = 40, Communities = 4, Days = 14 });

        var report = NextRoomEvaluation.Run(log, 3);

        Assert.True(report.Cases > 100);
        var model = report.Results.Single(r => r.Predictor == "model").HitRate;
        Assert.True(model > report.Results.Single(r => r.Predictor == "recent").HitRate, report.ToString());
        Assert.InRange(model, 0.3, 1);
    }
}
