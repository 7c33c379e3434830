using ChatCloud.Recommendations.Data;
using ChatCloud.Recommendations.Workload;
using Xunit;

namespace ChatCloud.Recommendations.Tests;

/// <summary>The synthetic workload repeats for a seed and has the structure issue 7 names: rhythms, churn, people.</summary>
public sealed class WorkloadGeneratorTests
{
    private static readonly WorkloadOptions Small = new() { Users = 400, Rooms = 60, Communities = 6, Days = 14 };

    [Fact]
    public void The_same_seed_gives_the_same_log_and_another_seed_another()
    {
        var first = WorkloadGenerator.Generate(Small);
        var again = WorkloadGenerator.Generate(Small);
        var other = WorkloadGenerator.Generate(Small with { Seed = 7 });

        Assert.Equal(first.Interactions, again.Interactions);
        Assert.Equal(first.Contacts, again.Contacts);
        Assert.NotEqual(first.Interactions, other.Interactions);
    }

    [Fact]
    public void Activity_follows_a_daily_rhythm()
    {
        var log = WorkloadGenerator.Generate(Small);
        var perHour = new int[24];
        foreach (var i in log.Interactions)
        {
            perHour[i.Timestamp % 86_400 / 3600]++;
        }

        // Uniform activity would put about 1/24 of the events in each hour.
        Assert.True(perHour.Max() > 2 * perHour.Min(), string.Join(",", perHour));
        Assert.All(log.Interactions, i => Assert.InRange(i.Timestamp, Small.StartUnixSeconds, Small.StartUnixSeconds + (Small.Days * 86_400L)));
    }

    [Fact]
    public void Users_arrive_and_leave_during_the_period()
    {
        var log = WorkloadGenerator.Generate(Small);
        var end = Small.StartUnixSeconds + (Small.Days * 86_400L);
        var spans = log.Interactions.GroupBy(i => i.User).Select(g => (First: g.Min(i => i.Timestamp), Last: g.Max(i => i.Timestamp))).ToList();

        Assert.Contains(spans, s => s.First > Small.StartUnixSeconds + (3 * 86_400L)); // newcomers
        Assert.Contains(spans, s => s.Last < end - (5 * 86_400L));                      // churned
    }

    [Fact]
    public void People_talk_and_rooms_are_grouped_into_communities()
    {
        var generator = new WorkloadGenerator(Small);
        var log = generator.Run();
        var index = new Features.InteractionIndex(log);
        var co = new Features.CoActivity(index);

        Assert.NotEmpty(log.Contacts);
        Assert.All(log.Contacts, c => Assert.NotEqual(c.User, c.Person));
        // Rooms of a community share people far more than rooms chosen at random do.
        var pairs = from a in Enumerable.Range(0, Small.Rooms) from b in Enumerable.Range(0, Small.Rooms) where a < b select (a, b);
        var bySameCommunity = pairs.ToLookup(p => generator.CommunityOf(p.a) == generator.CommunityOf(p.b), p => co.ItemSimilarity(p.a, p.b));
        var same = bySameCommunity[true].Average();
        var different = bySameCommunity[false].Average();
        Assert.True(same > 2 * different, $"{same} vs {different}");
    }

    [Fact]
    public void The_log_can_be_written_in_the_interaction_csv_format()
    {
        var log = WorkloadGenerator.Generate(Small with { Users = 50, Days = 3 });
        var text = new StringWriter();

        InteractionCsv.Write(log, text);
        var back = InteractionCsv.Read(new StringReader(text.ToString()));

        Assert.Equal(log.Interactions.Count, back.Interactions.Count);
        Assert.StartsWith("user,item,timestamp,weight\n", text.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
