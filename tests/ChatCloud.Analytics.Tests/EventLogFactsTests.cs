using System.Diagnostics.Metrics;
using ChatCloud.Analytics.Activity;
using ChatCloud.Analytics.Connections;
using ChatCloud.Analytics.Recommender;
using ChatCloud.Contracts.Activity;
using ChatCloud.Contracts.Auth;
using ChatCloud.Contracts.Messages;
using ChatCloud.Contracts.Recommendations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace ChatCloud.Analytics.Tests;

/// <summary>
/// What the event log keeps of each event (docs/analytics.md, "Replay"; docs/privacy.md): the fact the
/// fold reads, never a message's text, a nick, a name or the people suggested to someone; nothing for
/// what the figures do not count.
/// </summary>
public sealed class EventLogFactsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 34, 56, TimeSpan.Zero);
    private static readonly Guid Alice = Guid.Parse("0b6f3c1e-7a55-4f6e-9a51-2f1d2c3b4a59");

    // Never opened: the log entry is computed without the database.
    private static readonly NpgsqlDataSource Unused = NpgsqlDataSource.Create("Host=unused.invalid");
    private static readonly ActivityMetrics Metrics = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    private static MessageStored Stored(string kind, string text) =>
        new("m1", Guid.NewGuid(), "#Garden", Alice, "alice", "~alice", "10.0.0.1", kind, text, null, Noon, 7) { OccurredAt = Noon.AddSeconds(1) };

    [Fact]
    public void A_room_message_is_logged_as_its_folded_room_hour_length_and_author_without_its_text_or_nick()
    {
        var (entry, fact) = new RoomActivityAggregator(Unused, Metrics).Log(Stored("PRIVMSG", "the secret recipe"))!.Value;

        Assert.Equal(new RoomLine("#garden", Noon, "PRIVMSG", 17, Alice), fact);
        Assert.Equal(("messages.message-stored.v1", (Guid?)Alice, Noon.AddSeconds(1)), (entry.Name, entry.Account, entry.OccurredAt));
        Assert.DoesNotContain("secret", entry.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.1", entry.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("\"alice\"", entry.Payload, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TOPIC")]
    [InlineData("NICK")]
    [InlineData("MODE")]
    public void Room_events_the_figures_do_not_count_are_not_logged(string kind)
    {
        Assert.Null(new RoomActivityAggregator(Unused, Metrics).Log(Stored(kind, "a topic")));
    }

    [Fact]
    public void A_join_is_logged_without_its_real_name_and_without_an_author_to_mark_active()
    {
        var (entry, fact) = new RoomActivityAggregator(Unused, Metrics).Log(Stored("JOIN", "Alice Liddell"))!.Value;

        Assert.Equal(new RoomLine("#garden", Noon, "JOIN", 0, null), fact);
        Assert.DoesNotContain("Liddell", entry.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public void A_direct_message_is_a_moment_and_an_author_and_a_redaction_is_nothing()
    {
        DirectMessageStored Direct(string kind) => new("m1", Guid.NewGuid(), "a:alice|a:bob", "bob", Alice, "alice", "~alice", "h", kind, "psst", null, Noon, 3);
        var aggregator = new DirectMessagesAggregator(Unused);

        var (entry, fact) = aggregator.Log(Direct("PRIVMSG"))!.Value;

        Assert.Equal(new DirectLine(Noon, Alice), fact);
        Assert.DoesNotContain("bob", entry.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("psst", entry.Payload, StringComparison.Ordinal);
        Assert.Null(aggregator.Log(Direct("REDACT")));
    }

    [Fact]
    public void A_new_account_is_logged_without_its_name_and_roles()
    {
        var (entry, _) = new NewAccountsAggregator(Unused).Log(new AccountCreated(Alice, "alice", ["admin"]) { OccurredAt = Noon })!.Value;

        Assert.Equal(Alice, entry.Account);
        Assert.DoesNotContain("alice", entry.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("admin", entry.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public void People_suggested_are_counted_but_not_named_and_rooms_suggested_are_kept_for_the_join_pairing()
    {
        var bob = Guid.NewGuid().ToString();
        var aggregator = new ImpressionsAggregator(Unused, Metrics);

        var (people, peopleFact) = aggregator.Log(new RecommendationsShown(Alice, SuggestionKind.Person, [bob, "carol"], 3, true))!.Value;
        var (_, roomsFact) = aggregator.Log(new RecommendationsShown(Alice, SuggestionKind.Room, ["#tea", "#tea", "#cake"], 3, true))!.Value;

        Assert.Equal((2, 0), (peopleFact.Count, peopleFact.Rooms.Count));
        Assert.DoesNotContain(bob, people.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("carol", people.Payload, StringComparison.Ordinal);
        Assert.Equal(3, roomsFact.Count);
        Assert.Equal(["#tea", "#cake"], roomsFact.Rooms);
    }

    [Fact]
    public void A_search_keeps_its_scope_and_time_only_and_a_read_whether_it_was_a_room()
    {
        var (search, searchFact) = new SearchesAggregator(Unused).Log(new Searched(Alice, Searched.Rooms, 12, 4) { OccurredAt = Noon })!.Value;
        var (_, roomRead) = new ReadsAggregator(Unused).Log(new RoomRead(Alice, "#garden") { OccurredAt = Noon })!.Value;
        var (_, directRead) = new ReadsAggregator(Unused).Log(new RoomRead(Alice, RoomRead.Direct) { OccurredAt = Noon })!.Value;

        Assert.Equal(new Search("rooms", Noon), searchFact);
        Assert.Null(search.Account);
        Assert.DoesNotContain(Alice.ToString(), search.Payload, StringComparison.Ordinal);
        Assert.Equal((false, true), (roomRead.Direct, directRead.Direct));
        Assert.Null(new SearchesAggregator(Unused).Log(new Searched(Alice, new string('x', SearchesAggregator.MaxScopeLength + 1), 1, 0)));
    }

    [Fact]
    public void A_sign_in_of_an_unknown_kind_counts_for_nothing()
    {
        Assert.Null(new SignInsAggregator(Unused, Metrics).Log(new SignedIn(Alice, "carrier-pigeon")));
        Assert.NotNull(new SignInsAggregator(Unused, Metrics).Log(new SignedIn(Alice, SignedInVia.Tcp) { Connection = "edge/1" }));
    }

    [Fact]
    public void Hours_are_whole_utc_hours()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero), Hours.Of(new DateTimeOffset(2026, 11, 25, 12, 59, 59, TimeSpan.FromHours(1))));
    }
}
