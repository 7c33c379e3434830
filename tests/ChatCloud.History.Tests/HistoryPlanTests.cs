using ChatCloud.History.Rooms;
using Xunit;

namespace ChatCloud.History.Tests;

/// <summary>How each CHATHISTORY subcommand becomes pages over a room's sequence, and the SQL of a page.</summary>
public sealed class HistoryPlanTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, 123, TimeSpan.Zero);
    private static readonly Position Message7 = new(7, Noon.AddTicks(4560)); // stored with microseconds
    private static readonly Position Message9 = new(9, Noon.AddSeconds(1));

    [Fact]
    public void Latest_star_reads_the_newest_messages()
    {
        var page = Assert.Single(HistoryPlan.For(HistorySelector.Latest, null, null, 50));

        Assert.Equal(new HistoryPage(null, null, NewestFirst: true, 50), page);
        Assert.Equal("SELECT " + HistorySource.Rooms.Columns + " FROM messages.history_v2 WHERE room_folded = $1 AND kind IN ('PRIVMSG', 'NOTICE') ORDER BY sequence DESC LIMIT $2",
            HistorySql.Page("#garden", page).Text);
        Assert.Equal("SELECT " + HistorySource.Rooms.Columns + " FROM messages.history_v2 WHERE room_folded = $1 ORDER BY sequence DESC LIMIT $2",
            HistorySql.Page(HistorySource.RoomEvents, "#garden", page).Text);
    }

    [Fact]
    public void After_a_msgid_reads_forward_from_the_next_sequence()
    {
        var page = Assert.Single(HistoryPlan.For(HistorySelector.After, Message7, null, 100));
        var (text, parameters) = HistorySql.Page("#garden", page);

        Assert.EndsWith("WHERE room_folded = $1 AND kind IN ('PRIVMSG', 'NOTICE') AND sequence > $2 ORDER BY sequence ASC LIMIT $3", text, StringComparison.Ordinal);
        Assert.Equal(["#garden", 7L, 100], parameters);
    }

    [Fact]
    public void Before_a_msgid_reads_backward_so_the_limit_keeps_the_nearest()
    {
        var (text, parameters) = HistorySql.Page("#garden", Assert.Single(HistoryPlan.For(HistorySelector.Before, Message7, null, 10)));

        Assert.EndsWith("AND sequence < $2 ORDER BY sequence DESC LIMIT $3", text, StringComparison.Ordinal);
        Assert.Equal(["#garden", 7L, 10], parameters);
    }

    [Fact]
    public void A_timestamp_bound_excludes_the_message_the_client_saw_at_that_millisecond()
    {
        // The client saw 12:00:00.123 for a message stored at .123456: AFTER that must not return it again.
        var after = HistorySql.Page("#garden", Assert.Single(HistoryPlan.For(HistorySelector.After, Position.At(Noon), null, 10)));
        var before = HistorySql.Page("#garden", Assert.Single(HistoryPlan.For(HistorySelector.Before, Position.At(Noon), null, 10)));

        Assert.Contains("AND server_time >= $2", after.Text, StringComparison.Ordinal);
        Assert.Equal(Noon.AddMilliseconds(1), after.Parameters[1]);
        Assert.Contains("AND server_time < $2", before.Text, StringComparison.Ordinal);
        Assert.Equal(Noon, before.Parameters[1]);
    }

    [Fact]
    public void Around_takes_half_before_and_the_rest_from_the_message_itself()
    {
        var pages = HistoryPlan.For(HistorySelector.Around, Message7, null, 9);

        Assert.Equal([new HistoryPage(null, new Boundary(Message7), true, 4), new HistoryPage(new Boundary(Message7, Inclusive: true), null, false, 9)], pages);
        Assert.Contains("AND sequence >= $2", HistorySql.Page("#garden", pages[1]).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Between_counts_from_the_first_reference_in_either_direction()
    {
        var forwards = Assert.Single(HistoryPlan.For(HistorySelector.Between, Message7, Message9, 10));
        var backwards = Assert.Single(HistoryPlan.For(HistorySelector.Between, Message9, Message7, 10));

        Assert.Equal(new HistoryPage(new Boundary(Message7), new Boundary(Message9), NewestFirst: false, 10), forwards);
        Assert.Equal(new HistoryPage(new Boundary(Message7), new Boundary(Message9), NewestFirst: true, 10), backwards);
        Assert.Empty(HistoryPlan.For(HistorySelector.Between, Message7, Message7, 10));
    }

    [Fact]
    public void A_msgid_and_a_timestamp_compare_at_the_milliseconds_clients_see()
    {
        Assert.Equal(0, HistoryPlan.Compare(Message7, Position.At(Noon)));
        Assert.True(HistoryPlan.Compare(Message7, Message9) < 0);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(100, 100)]
    [InlineData(5000, 100)]
    public void The_limit_is_kept_within_the_advertised_maximum(int asked, int used) =>
        Assert.Equal(used, HistoryPlan.ClampLimit(asked));

    [Fact]
    public void Targets_reads_from_the_first_timestamp_toward_the_second()
    {
        var (forwards, parameters) = HistorySql.Targets(["#a", "#b"], Noon, Noon.AddHours(1), 5);
        var (backwards, _) = HistorySql.Targets(["#a"], Noon.AddHours(1), Noon, 5);

        Assert.Contains("ORDER BY latest ASC LIMIT $4", forwards, StringComparison.Ordinal);
        Assert.Contains("ORDER BY latest DESC LIMIT $4", backwards, StringComparison.Ordinal);
        Assert.Equal(Noon.AddMilliseconds(1), parameters[1]);
        Assert.Equal(Noon.AddHours(1), parameters[2]);
    }
}
