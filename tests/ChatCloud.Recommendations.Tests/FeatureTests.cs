using ChatCloud.Recommendations.Data;
using ChatCloud.Recommendations.Features;
using Xunit;

namespace ChatCloud.Recommendations.Tests;

/// <summary>The candidate features on logs small enough to work out by hand.</summary>
public sealed class FeatureTests
{
    private const long Day = 86_400;

    // Users 0-2 share rooms 0 and 1; user 3 is in rooms 1 and 2; user 4 only in room 2.
    private static readonly InteractionLog Log = Logs.Of(5, 4,
        [new Contact(0, 3, 3600), new Contact(0, 4, 3600)],
        (0, 0, 3600), (1, 0, 3600), (2, 0, 3600),
        (0, 1, 3600), (1, 1, 3600), (3, 1, 3600),
        (3, 2, (2 * Day) + (13 * 3600)), (4, 2, (3 * Day) + (14 * 3600)));

    private static float[] FeaturesOf(int user, int item)
    {
        var index = new InteractionIndex(Log);
        var vector = new float[CandidateFeatures.Count];
        new CandidateFeatures(index, new CoActivity(index)).Compute(user, item, vector);
        return vector;
    }

    private static float Feature(float[] vector, string name) => vector[Array.IndexOf(CandidateFeatures.Names, name)];

    [Fact]
    public void Item_similarity_is_the_cosine_of_the_rooms_audiences()
    {
        var index = new InteractionIndex(Log);
        var co = new CoActivity(index);

        // Room 0 {0,1,2}, room 1 {0,1,3}: two shared of three and three.
        Assert.Equal(2 / 3f, co.ItemSimilarity(0, 1), 5);
        Assert.Equal(co.ItemSimilarity(0, 1), co.ItemSimilarity(1, 0));
        Assert.Equal(0f, co.ItemSimilarity(0, 2));
        Assert.Equal(0f, co.ItemSimilarity(2, 2));
    }

    [Fact]
    public void Neighbours_are_the_users_sharing_the_most_rooms_first()
    {
        var co = new CoActivity(new InteractionIndex(Log));

        var neighbours = co.UserNeighbours[0];

        // User 1 shares both rooms (cosine 1), user 2 one of two and one (1/√2), user 3 one of two and two (1/2).
        Assert.Equal([1, 2, 3], neighbours.Select(n => n.User));
        Assert.Equal(1f, neighbours[0].Similarity, 5);
        Assert.Equal(1 / MathF.Sqrt(2), neighbours[1].Similarity, 5);
    }

    [Fact]
    public void Contacts_in_a_room_count_the_people_the_user_talks_to()
    {
        var vector = FeaturesOf(0, 2);

        // User 0 talks to users 3 and 4, both in room 2.
        Assert.Equal(MathF.Log(3), Feature(vector, "contacts_in_item"), 5);
        Assert.Equal(1f, Feature(vector, "contacts_share"));
        Assert.Equal(MathF.Log(3), Feature(vector, "popularity"), 5);
    }

    [Fact]
    public void Item_knn_sums_similarity_to_the_users_rooms()
    {
        var vector = FeaturesOf(2, 1);

        // User 2 has room 0 only; room 1's similarity to it is 2/3.
        Assert.Equal(2 / 3f, Feature(vector, "item_knn_sum"), 5);
        Assert.Equal(2 / 3f, Feature(vector, "item_knn_max"), 5);
        Assert.Equal(2 / 3f, Feature(vector, "item_knn_mean"), 5);
    }

    [Fact]
    public void Recent_knn_looks_at_the_rooms_used_last()
    {
        var index = new InteractionIndex(Log);

        // User 3 used room 1 at 01:00 on day one and room 2 on day three: room 2 is the latest.
        Assert.Equal([2, 1], index.UserRecentItems[3]);
        Assert.Equal(2 / 3f, Feature(FeaturesOf(3, 0), "recent_knn_max"), 5);
    }

    [Fact]
    public void Hour_fit_is_high_for_a_room_busy_when_the_user_is()
    {
        // User 3 was active at 01:00 and 13:00; user 4 at 14:00, so in the same four-hour slot as room 2.
        Assert.Equal(InteractionIndex.HourBucket(13 * 3600), InteractionIndex.HourBucket(14 * 3600));
        Assert.Equal(1f, Feature(FeaturesOf(4, 2), "hour_fit"), 5);
        Assert.Equal(0f, Feature(FeaturesOf(2, 2), "hour_fit"), 5);
    }

    [Fact]
    public void A_user_without_history_has_only_the_rooms_own_features()
    {
        var index = new InteractionIndex(Log);
        var vector = new float[CandidateFeatures.Count];

        new CandidateFeatures(index, new CoActivity(index)).Compute(user: 99, item: 0, vector);

        Assert.Equal(MathF.Log(4), Feature(vector, "popularity"), 5);
        foreach (var personal in new[] { "item_knn_sum", "user_knn", "contacts_in_item", "hour_fit", "user_activity" })
        {
            Assert.Equal(0f, Feature(vector, personal));
        }
    }
}
