using ChatCloud.Recommendations.Api;
using ChatCloud.Recommendations.Evaluation;
using ChatCloud.Recommendations.Models;
using ChatCloud.Recommendations.Ranking;
using ChatCloud.Recommendations.Workload;
using Xunit;

namespace ChatCloud.Recommendations.Tests;

/// <summary>What a caller is shown: personal rooms with reasons, the cold start, dismissals, people.</summary>
public sealed class SuggestionTests
{
    private static readonly Lazy<ServingModel> Serving = new(() =>
    {
        var log = WorkloadGenerator.Generate(new WorkloadOptions { Users = 400, Rooms = 60, Communities = 6, Days = 14 });
        var model = RankerTrainer.Train(log, new RankerOptions { Trees = 40 });
        var card = new ModelCard(4, DateTimeOffset.UnixEpoch, "test", log.Interactions.Count, log.UserCount, log.ItemCount, 1, 0,
            new EvaluationReport("none", 5, 0, 0, 0, 0, 0, []));
        return new ServingModel(model, card);
    });

    private static string ActiveUser => Serving.Value.Model.Index.Log.UserIds[
        Enumerable.Range(0, Serving.Value.Model.Index.UserCount).First(u => Serving.Value.Model.Index.UserContacts[u].Length > 2)];

    [Fact]
    public void A_known_user_gets_rooms_they_are_not_in_each_with_a_reason()
    {
        var list = Suggestions.Rooms(Serving.Value, ActiveUser, 5, new HashSet<string>());

        Assert.Equal(4, list.ModelVersion);
        Assert.Equal(5, list.Items.Count);
        Assert.Equal(5, list.Items.Select(i => i.Id).Distinct().Count());
        var log = Serving.Value.Model.Index.Log;
        var user = log.FindUser(ActiveUser)!.Value;
        Assert.All(list.Items, i => Assert.False(Serving.Value.Model.Index.Knows(user, log.FindItem(i.Id)!.Value)));
        Assert.All(list.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Reason)));
        Assert.Contains(list.Items, i => i.Reason != RecommenderModel.PopularReason);
    }

    [Fact]
    public void A_new_account_gets_the_busiest_rooms()
    {
        var list = Suggestions.Rooms(Serving.Value, Guid.NewGuid().ToString(), 3, new HashSet<string>());

        var index = Serving.Value.Model.Index;
        var busiest = index.KnownItems().OrderByDescending(i => index.ItemRecentEvents[i]).ThenByDescending(i => index.ItemUsers[i].Length).ThenBy(i => i)
            .Take(3).Select(i => index.Log.ItemIds[i]);
        Assert.Equal(busiest, list.Items.Select(i => i.Id));
        Assert.All(list.Items, i => Assert.Equal(RecommenderModel.PopularReason, i.Reason));
    }

    [Fact]
    public void A_dismissed_room_or_person_is_not_suggested_again()
    {
        var rooms = Suggestions.Rooms(Serving.Value, ActiveUser, 3, new HashSet<string>());
        var people = Suggestions.People(Serving.Value, ActiveUser, 3, new HashSet<string>());

        var roomsAfter = Suggestions.Rooms(Serving.Value, ActiveUser, 3, new HashSet<string> { rooms.Items[0].Id });
        var peopleAfter = Suggestions.People(Serving.Value, ActiveUser, 3, new HashSet<string> { people.Items[0].Id });

        Assert.DoesNotContain(roomsAfter.Items, i => i.Id == rooms.Items[0].Id);
        Assert.Equal(rooms.Items[1].Id, roomsAfter.Items[0].Id);
        Assert.DoesNotContain(peopleAfter.Items, i => i.Id == people.Items[0].Id);
        Assert.Equal(3, peopleAfter.Items.Count);
    }

    [Fact]
    public void People_suggestions_leave_out_the_user_and_those_they_already_talk_to()
    {
        var log = Serving.Value.Model.Index.Log;
        var user = log.FindUser(ActiveUser)!.Value;

        var people = Suggestions.People(Serving.Value, ActiveUser, 10, new HashSet<string>());

        Assert.NotEmpty(people.Items);
        Assert.DoesNotContain(people.Items, p => p.Id == ActiveUser);
        Assert.DoesNotContain(people.Items, p => Serving.Value.Model.Index.UserContacts[user].Contains(log.FindUser(p.Id)!.Value));
        Assert.All(people.Items, p => Assert.False(string.IsNullOrWhiteSpace(p.Reason)));
    }
}
