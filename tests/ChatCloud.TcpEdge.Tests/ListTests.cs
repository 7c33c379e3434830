using ChatCloud.Contracts.Activity;
using ChatCloud.Messaging;
using ChatCloud.TcpEdge.Accounts;
using ChatCloud.TcpEdge.Commands;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

public sealed class ListTests
{
    [Fact]
    public async Task List_shows_each_room_with_its_member_count_and_topic_between_321_and_323()
    {
        var server = CreateServer(TimeProvider.System);
        await using var alice = new TestConnection(server);
        await using var bob = new TestConnection(server);
        alice.Register("alice");
        bob.Register("bob");
        await alice.SendAsync("JOIN #garden,#attic");
        await bob.SendAsync("JOIN #garden");
        await alice.SendAsync("TOPIC #garden :Tomatoes and beans");

        var lines = await bob.LinesOfAsync("LIST");

        Assert.Equal(
        [
            ":chatcloud.local 321 bob Channel :Users  Name",
            ":chatcloud.local 322 bob #attic 1 :",
            ":chatcloud.local 322 bob #garden 2 :Tomatoes and beans",
            ":chatcloud.local 323 bob :End of /LIST",
        ], lines.Where(line => Verb(line) is "321" or "322" or "323"));
    }

    [Fact]
    public async Task A_secret_room_is_listed_to_its_members_only()
    {
        var rooms = new InMemoryRoomAuthority();
        var server = CreateServer(TimeProvider.System, rooms: rooms);
        await using var alice = new TestConnection(server);
        await using var bob = new TestConnection(server);
        alice.Register("alice");
        bob.Register("bob");
        await alice.SendAsync("JOIN #hideout");
        rooms.SetModes("#hideout", "nts");

        var member = await alice.LinesOfAsync("LIST");
        var outsider = await bob.LinesOfAsync("LIST");

        Assert.Contains(":chatcloud.local 322 alice #hideout 1 :", member);
        Assert.DoesNotContain(outsider, line => Verb(line) == "322");
        Assert.Equal("323", Verb(outsider[^1]));
    }

    [Theory]
    [InlineData("LIST #g*", "#garden")]
    [InlineData("LIST #GARDEN", "#garden")]
    [InlineData("LIST #attic,#none", "#attic")]
    [InlineData("LIST >1", "#garden")]
    [InlineData("LIST <2", "#attic")]
    [InlineData("LIST #*n >1", "#garden")]
    [InlineData("LIST * <1", "")]
    public async Task Masks_and_user_counts_narrow_the_list(string command, string expected)
    {
        var server = CreateServer(TimeProvider.System);
        await using var alice = new TestConnection(server);
        await using var bob = new TestConnection(server);
        alice.Register("alice");
        bob.Register("bob");
        await alice.SendAsync("JOIN #garden,#attic");
        await bob.SendAsync("JOIN #garden");

        var listed = (await bob.LinesOfAsync(command)).Where(line => Verb(line) == "322").Select(line => line.Split(' ')[3]);

        Assert.Equal(expected, string.Join(',', listed));
    }

    [Fact]
    public async Task List_when_the_authority_does_not_answer_is_a_fail_the_client_can_retry()
    {
        var rooms = new InMemoryRoomAuthority();
        await using var alice = new TestConnection(CreateServer(TimeProvider.System, rooms: rooms));
        alice.Register("alice");
        rooms.Unreachable = true;

        var lines = await alice.LinesOfAsync("LIST");

        Assert.Equal([":chatcloud.local FAIL LIST TEMPORARILY_UNAVAILABLE :Rooms cannot be listed right now; try again in a moment"], lines);
    }

    [Theory]
    [InlineData(new[] { ">3,<10" }, "", 4, 9)]
    [InlineData(new[] { "#a,#b*", "<5" }, "#a|#b*", 0, 4)]
    [InlineData(new[] { "C>10,T<5,#x" }, "#x", 0, int.MaxValue)]
    [InlineData(new[] { ">x" }, "", 0, int.MaxValue)]
    public void Parse_reads_masks_and_elist_user_conditions(string[] parameters, string masks, int min, int max)
    {
        var parsed = ListCommands.Parse(parameters);

        Assert.Equal((masks, min, max), (string.Join('|', parsed.Masks), parsed.Min, parsed.Max));
    }

    [Fact]
    public async Task Isupport_advertises_elist_masks_and_user_counts()
    {
        await using var connection = new TestConnection();
        connection.Register("dana");

        Assert.Contains(" ELIST=MU ", await connection.ExpectAsync(line => Verb(line) == "005"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_by_name_is_published_as_a_room_search_of_the_signed_in_account_and_a_plain_list_or_a_guests_is_not()
    {
        var recorded = new RecordingPublisher();
        await using var activity = new BestEffortPublisher(recorded, NullLogger<BestEffortPublisher>.Instance);
        var server = CreateServer(TimeProvider.System, activity: activity);
        await using var alice = new TestConnection(server);
        await using var guest = new TestConnection(server);
        alice.Register("alice");
        guest.Register("guest");
        alice.Session.Account = new AccountIdentity(Guid.NewGuid(), "alice");
        await alice.SendAsync("JOIN #garden,#attic");

        await alice.LinesOfAsync("LIST");
        await alice.LinesOfAsync("LIST >5");
        await guest.LinesOfAsync("LIST #g*");
        await alice.LinesOfAsync("LIST #g*,#none");

        var searched = Assert.IsType<Searched>(await recorded.SingleAsync());
        Assert.Equal((alice.Session.Account.Id, Searched.Rooms, "#g*,#none".Length, 1), (searched.AccountId, searched.Scope, searched.QueryLength, searched.Results));
    }
}
