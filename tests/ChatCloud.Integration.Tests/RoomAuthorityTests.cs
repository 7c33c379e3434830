using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Testing;
using Npgsql;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>The messages service as the authority over rooms: JOIN and PART checked, stored and streamed.</summary>
public sealed class RoomAuthorityTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static RoomActor Actor(string nick) => new(nick, "~" + nick, "127.0.0.1", null, "edge-test", "session-" + nick);

    [Fact]
    public async Task The_first_to_join_is_operator_and_each_join_and_part_is_one_event_in_the_rooms_stream()
    {
        using var messages = await suite.App.CreateServiceClientAsync(ResourceNames.Messages, Cancellation);
        var room = Unique("#authority");

        var first = await JoinAsync(messages, room, new JoinRequest(Actor("ann"), "Ann A.", null));
        var second = await JoinAsync(messages, room, new JoinRequest(Actor("Bo[b]"), null, null));
        var again = await JoinAsync(messages, room, new JoinRequest(Actor("bo{b}"), null, null));
        var parted = await messages.PostAsJsonAsync(Path(room, "part"), new PartRequest(Actor("ann"), "bye"), Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var snapshot = await messages.GetFromJsonAsync<RoomSnapshot>(Path(room), Cancellation).WaitAsync(Deadlines.Request, Cancellation);

        Assert.Equal([("ann", "o")], first.Room.Members.Select(m => (m.Nick, m.Prefixes)));
        Assert.Equal([("ann", "o"), ("Bo[b]", "")], second.Room.Members.Select(m => (m.Nick, m.Prefixes)));
        Assert.True(again.AlreadyMember);
        Assert.Equal(second.Room.Sequence, again.Room.Sequence);
        Assert.Equal(HttpStatusCode.NoContent, parted.StatusCode);
        Assert.Equal(["Bo[b]"], snapshot!.Members.Select(m => m.Nick));
        Assert.Equal("nt", snapshot.Modes);
        Assert.Equal(
            [(first.Room.Sequence, "JOIN", "ann", "Ann A."), (second.Room.Sequence, "JOIN", "Bo[b]", ""), (snapshot.Sequence, "PART", "ann", "bye")],
            (await StreamAsync(room)).Select(e => (e.Sequence, e.Kind, e.Nick, e.Text)));
    }

    [Fact]
    public async Task A_storm_of_joins_and_quits_is_decided_in_order_each_answered_with_the_room_after_its_own_join()
    {
        using var messages = await suite.App.CreateServiceClientAsync(ResourceNames.Messages, Cancellation);
        var room = Unique("#storm");
        var nicks = Enumerable.Range(0, 60).Select(i => $"storm{i}").ToArray();

        var joins = await Task.WhenAll(nicks.Select(nick => JoinAsync(messages, room, new JoinRequest(Actor(nick), null, null))));
        var quits = await Task.WhenAll(nicks.Take(30).Select(nick =>
            messages.PostAsJsonAsync("/members/quit", new QuitRequest(Actor(nick), "storm over"), Cancellation).WaitAsync(Deadlines.Request, Cancellation)));
        var snapshot = await messages.GetFromJsonAsync<RoomSnapshot>(Path(room), Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var stream = await StreamAsync(room);

        // The first let in found the room empty and is its one operator; every answer lists its joiner
        // last, with as many members as its place in the stream.
        Assert.Equal("o", Assert.Single(Assert.Single(joins, join => join.Room.Members.Count == 1).Room.Members).Prefixes);
        Assert.Equal(["o"], joins.MaxBy(join => join.Room.Sequence)!.Room.Members.Select(m => m.Prefixes).Where(p => p.Length > 0));
        Assert.All(joins, join => Assert.Equal(join.Room.Sequence, join.Room.Members.Count));
        Assert.Equal(nicks.Order(StringComparer.Ordinal), joins.Select(join => join.Room.Members[^1].Nick).Order(StringComparer.Ordinal));
        Assert.All(quits, quit => Assert.Equal(HttpStatusCode.NoContent, quit.StatusCode));
        Assert.Equal(nicks.Skip(30).Order(StringComparer.Ordinal), snapshot!.Members.Select(m => m.Nick).Order(StringComparer.Ordinal));
        Assert.Equal(Enumerable.Range(1, 90).Select(i => (long)i), stream.Select(e => e.Sequence));
        Assert.Equal(60, stream.Count(e => e.Kind == "JOIN"));
        Assert.Equal(30, stream.Count(e => e.Kind == "QUIT"));
    }

    [Fact]
    public async Task Joins_the_room_does_not_allow_are_refused_with_the_irc_numeric()
    {
        using var messages = await suite.App.CreateServiceClientAsync(ResourceNames.Messages, Cancellation);
        var room = Unique("#guarded");
        await JoinAsync(messages, room, new JoinRequest(Actor("owner"), null, null));

        await SetAsync(room, "modes = 'int'");
        var inviteOnly = await RefusalAsync(messages, room, new JoinRequest(Actor("guest"), null, null));
        await SetAsync(room, "modes = 'nt', key = 'sesame'");
        var wrongKey = await RefusalAsync(messages, room, new JoinRequest(Actor("guest"), null, "open"));
        await SetAsync(room, "key = NULL, user_limit = 1");
        var full = await RefusalAsync(messages, room, new JoinRequest(Actor("guest"), null, null));
        await SetAsync(room, "user_limit = NULL");
        await BanAsync(room, "gue*!*@*");
        var banned = await RefusalAsync(messages, room, new JoinRequest(Actor("guest"), null, null));
        var badName = await RefusalAsync(messages, "no-hash", new JoinRequest(Actor("guest"), null, null));
        var notOn = await messages.PostAsJsonAsync(Path(room, "part"), new PartRequest(Actor("guest"), null), Cancellation).WaitAsync(Deadlines.Request, Cancellation);

        Assert.Equal(("473", 403), inviteOnly);
        Assert.Equal(("475", 403), wrongKey);
        Assert.Equal(("471", 403), full);
        Assert.Equal(("474", 403), banned);
        Assert.Equal(("476", 400), badName);
        Assert.Equal(HttpStatusCode.Conflict, notOn.StatusCode);
        Assert.Equal(["owner"], (await StreamAsync(room)).Select(e => e.Nick));
    }

    [Fact]
    public async Task Topic_and_kick_are_for_operators_and_each_is_an_event_in_the_stream()
    {
        using var messages = await suite.App.CreateServiceClientAsync(ResourceNames.Messages, Cancellation);
        var room = Unique("#moderated");
        await JoinAsync(messages, room, new JoinRequest(Actor("chief"), null, null));
        await JoinAsync(messages, room, new JoinRequest(Actor("crew"), null, null));

        var crewTopic = await CommandAsync(messages, room, "topic", new TopicRequest(Actor("crew"), "mine now"));
        var outsiderTopic = await CommandAsync(messages, room, "topic", new TopicRequest(Actor("outsider"), "hello"));
        var chiefTopic = await CommandAsync(messages, room, "topic", new TopicRequest(Actor("chief"), "Release day"));
        var crewKick = await CommandAsync(messages, room, "kick", new KickRequest(Actor("crew"), "chief", null));
        var missingKick = await CommandAsync(messages, room, "kick", new KickRequest(Actor("chief"), "nobody", null));
        var chiefKick = await CommandAsync(messages, room, "kick", new KickRequest(Actor("chief"), "CREW", "off topic"));
        var snapshot = await messages.GetFromJsonAsync<RoomSnapshot>(Path(room), Cancellation).WaitAsync(Deadlines.Request, Cancellation);

        Assert.Equal("482", crewTopic);
        Assert.Equal("442", outsiderTopic);
        Assert.Null(chiefTopic);
        Assert.Equal("482", crewKick);
        Assert.Equal("441", missingKick);
        Assert.Null(chiefKick);
        Assert.Equal(("Release day", "chief!~chief@127.0.0.1"), (snapshot!.Topic!.Text, snapshot.Topic.SetBy));
        Assert.Equal(["chief"], snapshot.Members.Select(m => m.Nick));
        Assert.Equal(["JOIN chief [\"*\"]", "JOIN crew [\"*\"]", "TOPIC chief Release day", "KICK chief [\"crew\"] off topic"],
            (await StreamAsync(room)).Select(e => $"{e.Kind} {e.Nick}{(e.Arguments is null ? "" : " " + e.Arguments)}{(e.Text.Length == 0 ? "" : " " + e.Text)}"));
    }

    [Fact]
    public async Task A_quit_and_a_nick_change_reach_every_room_of_the_member_at_one_time()
    {
        using var messages = await suite.App.CreateServiceClientAsync(ResourceNames.Messages, Cancellation);
        var (first, second) = (Unique("#presence-a"), Unique("#presence-b"));
        foreach (var room in new[] { first, second })
        {
            await JoinAsync(messages, room, new JoinRequest(Actor("walker"), null, null));
            await JoinAsync(messages, room, new JoinRequest(Actor("stayer"), null, null));
        }

        var renamed = await PostAsync(messages, "/members/rename", new RenameRequest(Actor("walker"), "runner"));
        var taken = await PostAsync(messages, "/members/rename", new RenameRequest(Actor("stayer"), "RUNNER"));
        // The same connection as before the rename: its session is the one it joined with.
        var runner = Actor("runner") with { Session = "session-walker" };
        var stale = await PostAsync(messages, "/members/quit", new QuitRequest(runner with { Session = "an older connection" }, "gone"));
        var quit = await PostAsync(messages, "/members/quit", new QuitRequest(runner, "Quit: bye"));

        Assert.Equal(HttpStatusCode.NoContent, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, quit.StatusCode);
        foreach (var room in new[] { first, second })
        {
            var events = await StreamAsync(room);
            Assert.Equal(["JOIN walker [\"*\"]", "JOIN stayer [\"*\"]", "NICK walker [\"runner\"]", "QUIT runner Quit: bye"],
                events.Select(e => $"{e.Kind} {e.Nick}{(e.Arguments is null ? "" : " " + e.Arguments)}{(e.Text.Length == 0 ? "" : " " + e.Text)}"));
        }
        Assert.Equal((await StreamAsync(first))[^1].At, (await StreamAsync(second))[^1].At);
    }

    [Fact]
    public async Task Mode_changes_apply_in_order_and_each_invalid_one_is_refused_with_its_numeric()
    {
        using var messages = await suite.App.CreateServiceClientAsync(ResourceNames.Messages, Cancellation);
        var room = Unique("#modes");
        await JoinAsync(messages, room, new JoinRequest(Actor("chief"), null, null));
        await JoinAsync(messages, room, new JoinRequest(Actor("crew"), null, null));
        ModeChange[] changes =
        [
            new('i', true, null), new('k', true, "sesame"), new('t', false, null), new('l', true, "lots"),
            new('q', true, null), new('o', true, "CREW"), new('v', true, "ghost"), new('b', true, "spam*"),
        ];

        var byCrew = await CommandAsync(messages, room, "modes", new ModeRequest(Actor("crew"), changes));
        var response = await PostAsync(messages, Path(room, "modes"), new ModeRequest(Actor("chief"), changes));
        var result = await response.Content.ReadFromJsonAsync<ModeResult>(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var snapshot = await messages.GetFromJsonAsync<RoomSnapshot>(Path(room), Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var again = await PostAsync(messages, Path(room, "modes"), new ModeRequest(Actor("chief"), [new('i', true, null)]));

        Assert.Equal("482", byCrew);
        Assert.Equal(["+ik-t+ob", "sesame", "crew", "spam*!*@*"], result!.Applied);
        Assert.Equal([("696", $"{room} l lots"), ("472", "q"), ("441", $"ghost {room}")], result.Refused.Select(r => (r.Numeric, string.Join(' ', r.Parameters))));
        Assert.Equal(("in", "sesame"), (snapshot!.Modes, snapshot.Key));
        Assert.Equal([("chief", "o"), ("crew", "o")], snapshot.Members.Select(m => (m.Nick, m.Prefixes)));
        Assert.Empty((await again.Content.ReadFromJsonAsync<ModeResult>(Cancellation).WaitAsync(Deadlines.Request, Cancellation))!.Applied);
        Assert.Equal("MODE chief [\"+ik-t+ob\", \"sesame\", \"crew\", \"spam*!*@*\"]",
            (await StreamAsync(room)).Select(e => $"{e.Kind} {e.Nick} {e.Arguments}").Last());
    }

    [Fact]
    public async Task An_invitation_lets_one_guest_into_an_invite_only_room_once()
    {
        using var messages = await suite.App.CreateServiceClientAsync(ResourceNames.Messages, Cancellation);
        var room = Unique("#invites");
        await JoinAsync(messages, room, new JoinRequest(Actor("host"), null, null));
        await JoinAsync(messages, room, new JoinRequest(Actor("friend"), null, null));
        await PostAsync(messages, Path(room, "modes"), new ModeRequest(Actor("host"), [new('i', true, null)]));

        var byMember = await CommandAsync(messages, room, "invites", new InviteRequest(Actor("friend"), "guest"));
        var byOutsider = await CommandAsync(messages, room, "invites", new InviteRequest(Actor("outsider"), "guest"));
        var ofMember = await CommandAsync(messages, room, "invites", new InviteRequest(Actor("host"), "friend"));
        var invited = await CommandAsync(messages, room, "invites", new InviteRequest(Actor("host"), "Guest"));
        var joined = await JoinAsync(messages, room, new JoinRequest(Actor("guest"), null, null));
        await PostAsync(messages, Path(room, "part"), new PartRequest(Actor("guest"), null));
        var rejoin = await RefusalAsync(messages, room, new JoinRequest(Actor("guest"), null, null));

        Assert.Equal("482", byMember);
        Assert.Equal("442", byOutsider);
        Assert.Equal("443", ofMember);
        Assert.Null(invited);
        Assert.Contains(joined.Room.Members, m => m.Nick == "guest");
        Assert.Equal(("473", 403), rejoin);
    }

    [Fact]
    public async Task An_actor_without_a_nick_is_a_bad_request()
    {
        using var messages = await suite.App.CreateServiceClientAsync(ResourceNames.Messages, Cancellation);

        var response = await messages.PostAsJsonAsync(Path("#whatever", "join"), new { actor = new { nick = "9bad" } }, Cancellation).WaitAsync(Deadlines.Request, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..30];

    private static string Path(string room, string? command = null) =>
        $"/rooms/{Uri.EscapeDataString(room)}{(command is null ? "" : "/" + command)}";

    private static async Task<JoinResult> JoinAsync(HttpClient messages, string room, JoinRequest request)
    {
        var response = await messages.PostAsJsonAsync(Path(room, "join"), request, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JoinResult>(Cancellation).WaitAsync(Deadlines.Request, Cancellation))!;
    }

    private static Task<HttpResponseMessage> PostAsync<T>(HttpClient messages, string path, T request) =>
        messages.PostAsJsonAsync(path, request, Cancellation).WaitAsync(Deadlines.Request, Cancellation);

    /// <summary>Null when done, else the IRC numeric of the refusal.</summary>
    private static async Task<string?> CommandAsync<T>(HttpClient messages, string room, string command, T request)
    {
        var response = await PostAsync(messages, Path(room, command), request);
        if (response.IsSuccessStatusCode)
        {
            return null;
        }
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation));
        return problem.RootElement.GetProperty(RoomProblem.NumericKey).GetString();
    }

    private static async Task<(string Numeric, int Status)> RefusalAsync(HttpClient messages, string room, JoinRequest request)
    {
        var response = await messages.PostAsJsonAsync(Path(room, "join"), request, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation));
        return (problem.RootElement.GetProperty(RoomProblem.NumericKey).GetString()!, (int)response.StatusCode);
    }

    private async Task SetAsync(string room, string assignments) =>
        await ExecuteAsync($"UPDATE messages.rooms SET {assignments} WHERE name = $1", room);

    private async Task BanAsync(string room, string mask) =>
        await ExecuteAsync("INSERT INTO messages.bans (room_id, mask, set_by, set_at) SELECT id, $2, 'owner', now() FROM messages.rooms WHERE name = $1", room, mask);

    private async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create((await suite.App.GetConnectionStringAsync(ResourceNames.Database, Cancellation))!);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new() { Value = parameter });
        }
        await command.ExecuteNonQueryAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
    }

    private async Task<List<(long Sequence, string Kind, string Nick, string Text, string? Arguments, DateTimeOffset At)>> StreamAsync(string room)
    {
        await using var dataSource = NpgsqlDataSource.Create((await suite.App.GetConnectionStringAsync(ResourceNames.Database, Cancellation))!);
        await using var command = dataSource.CreateCommand("""
            SELECT m.sequence, m.kind, m.author_nick, m.text, m.arguments::text, m.server_time FROM messages.messages m JOIN messages.rooms r ON r.id = m.room_id
            WHERE r.name = $1 ORDER BY m.sequence
            """);
        command.Parameters.Add(new() { Value = room });
        await using var reader = await command.ExecuteReaderAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        List<(long, string, string, string, string?, DateTimeOffset)> events = [];
        while (await reader.ReadAsync(Cancellation))
        {
            events.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return events;
    }
}
