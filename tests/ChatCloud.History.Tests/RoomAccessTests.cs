using System.Security.Claims;
using ChatCloud.History.Access;
using Xunit;

namespace ChatCloud.History.Tests;

/// <summary>Who reads which history (issue 4): services anything, people only rooms they are in and their own conversations.</summary>
public sealed class RoomAccessTests
{
    private static readonly Guid AccountId = Guid.Parse("0b6f3c1e-7a55-4f6e-9a51-2f1d2c3b4a59");

    private static HistoryCaller Person(string name = "Alice") =>
        HistoryCaller.From(Principal(("sub", AccountId.ToString()), ("name", name), ("role", "user")));

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "Bearer", "name", "role"));

    public static TheoryData<bool?, bool?, RoomAccessDecision> PersonCases => new()
    {
        { null, null, RoomAccessDecision.NotFound },            // no such room
        { false, true, RoomAccessDecision.Allowed },            // a member
        { true, true, RoomAccessDecision.Allowed },             // a member of a secret room
        { false, false, RoomAccessDecision.Forbidden },         // a room they are not in
        { true, false, RoomAccessDecision.NotFound },           // a secret room they are not in: as if missing
    };

    [Theory]
    [MemberData(nameof(PersonCases))]
    public void A_person_reads_only_rooms_their_account_is_in(bool? secret, bool? member, RoomAccessDecision expected)
    {
        var facts = secret is null ? null : new RoomAccessFacts(secret.Value, member!.Value);

        Assert.Equal(expected, RoomAccess.Decide(Person(), facts));
    }

    [Fact]
    public void A_service_reads_any_room_because_the_edge_checks_membership_itself()
    {
        var service = HistoryCaller.From(Principal(("sub", "chatcloud-tcpedge"), ("role", "service")));

        Assert.True(service.IsService);
        Assert.Equal(RoomAccessDecision.Allowed, RoomAccess.Decide(service, null));
        Assert.Equal(RoomAccessDecision.Allowed, RoomAccess.Decide(service, new RoomAccessFacts(true, false)));
    }

    [Fact]
    public void A_person_reads_conversations_as_their_own_account_only()
    {
        var alice = Person("Alice[1]");

        Assert.Equal((AccountId, "a:alice{1}"), (alice.Account!.Value, alice.Party));
        Assert.Equal("a:alice{1}", alice.ReadsAs(null));
        Assert.Equal("a:alice{1}", alice.ReadsAs("a:alice{1}"));
        Assert.Null(alice.ReadsAs("a:bob"));
        Assert.Null(alice.ReadsAs("n:alice{1}"));
    }

    [Fact]
    public void A_service_names_the_asking_party_itself()
    {
        var service = HistoryCaller.From(Principal(("role", "service")));

        Assert.Equal("n:guest", service.ReadsAs("n:guest"));
        Assert.Null(service.ReadsAs(null));
    }

    [Fact]
    public void A_token_without_a_name_or_an_account_id_reads_nothing()
    {
        var nameless = HistoryCaller.From(Principal(("sub", "not-a-guid"), ("role", "user")));

        Assert.Null(nameless.Account);
        Assert.Null(nameless.ReadsAs(null));
        Assert.Equal(RoomAccessDecision.NotFound, RoomAccess.Decide(nameless, null));
    }
}
