using ChatCloud.Recommendations.Evaluation;
using Xunit;

namespace ChatCloud.Recommendations.Tests;

/// <summary>The leave-one-out split and its 100 sampled negatives (He et al. 2017, §4.1).</summary>
public sealed class LeaveOneOutTests
{
    [Fact]
    public void The_held_out_item_is_the_one_first_used_last()
    {
        var log = Logs.Of(3, 5,
            (0, 1, 10), (0, 2, 20), (0, 1, 30), // user 0 returns to item 1 later: item 2 is still the newest
            (1, 3, 15),                          // user 1 has one item: nothing to hold out
            (2, 4, 5), (2, 0, 40));

        var (training, heldOut) = LeaveOneOut.Split(log);

        Assert.Equal(new Dictionary<int, int> { [0] = 2, [2] = 0 }, heldOut);
        Assert.DoesNotContain(training.Interactions, i => (i.User, i.Item) is (0, 2) or (2, 0));
        Assert.Equal(4, training.Interactions.Count);
    }

    [Fact]
    public void Several_latest_items_can_be_hidden_but_never_a_users_last_one()
    {
        var log = Logs.Of(2, 5, (0, 0, 1), (0, 1, 2), (0, 2, 3), (0, 3, 4), (1, 4, 1), (1, 0, 2));

        var hidden = LeaveOneOut.LatestNewItems(log, 3);

        Assert.Equal([3, 2, 1], hidden[0]);
        Assert.Equal([0], hidden[1]); // two items: one is hidden, one stays to learn from
    }

    [Fact]
    public void Negatives_are_distinct_items_the_user_never_used()
    {
        var used = new HashSet<int> { 3, 7, 11 };

        var negatives = LeaveOneOut.SampleNegatives(used, 500, LeaveOneOut.SampledNegatives, new Random(5));

        Assert.Equal(100, negatives.Length);
        Assert.Equal(100, negatives.Distinct().Count());
        Assert.DoesNotContain(negatives, used.Contains);
        Assert.All(negatives, n => Assert.InRange(n, 0, 499));
        Assert.Equal(negatives, LeaveOneOut.SampleNegatives(used, 500, 100, new Random(5)));
    }

    [Fact]
    public void A_small_catalogue_gives_every_unused_item_and_no_more()
    {
        var negatives = LeaveOneOut.SampleNegatives(new HashSet<int> { 0, 1 }, 6, 100, new Random(1));

        Assert.Equal([2, 3, 4, 5], negatives.Order());
    }
}
