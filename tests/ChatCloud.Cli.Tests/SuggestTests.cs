using System.Net;
using System.Text;
using ChatCloud.Cli.Commands;
using ChatCloud.Cli.Irc;
using ChatCloud.Cli.Login;
using ChatCloud.Cli.Recommendations;
using ChatCloud.Cli.Session;
using ChatCloud.Cli.Tui;
using Microsoft.Extensions.Time.Testing;

namespace ChatCloud.Cli.Tests;

// /suggest: the command, the recommendations API as docs/ml.md documents it (rooms, people, and
// next-rooms where the server has it), the lines shown, and the controller with and without a login.
public sealed class SuggestTests : IAsyncDisposable
{
    private static readonly CancellationToken Cancellation = TestContext.Current.CancellationToken;

    private readonly ChatClient _client = new(new ConnectionOptions { Host = "localhost", Port = 6697, Nick = "me" });
    private readonly ChatSession _session = new("me", new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("/suggest", 5)]
    [InlineData("/suggest 3", 3)]
    [InlineData("/SUGGEST 20", 20)]
    public void Suggest_takes_an_optional_count(string input, int count) =>
        Assert.Equal(new ShowSuggestions(count), CommandParser.Parse(input, new CommandContext(null)));

    [Theory]
    [InlineData("/suggest 0")]
    [InlineData("/suggest 21")]
    [InlineData("/suggest many")]
    [InlineData("/suggest 1 2")]
    public void A_bad_count_is_explained(string input) =>
        Assert.Equal("Usage: /suggest [count], count a number from 1 to 20.", Assert.IsType<CommandError>(CommandParser.Parse(input, new CommandContext(null))).Message);

    [Fact]
    public async Task The_client_asks_rooms_people_and_next_rooms_with_the_token()
    {
        var server = new StubRecommendations();
        using var http = new HttpClient(server);
        var client = new RecommendationsClient(http, new Uri("http://gateway.test/"), new FixedToken("tok"));

        var found = await client.GetAsync(3, Cancellation);

        Assert.Equal(3, found.ModelVersion);
        Assert.True(found.Personalised);
        Assert.Equal(["#gardening", "12"], found.Rooms.Select(room => room.Id));
        Assert.Equal("active with people you talk to", found.Rooms[0].Reason);
        Assert.Equal(["carol"], found.People.Select(person => person.Id));
        Assert.Equal(["#cooking"], found.NextRooms!.Select(room => room.Id));
        Assert.Equal(["/api/recommendations/rooms?count=3", "/api/recommendations/people?count=3", "/api/recommendations/next-rooms?count=3"], server.Asked);
        Assert.All(server.Tokens, token => Assert.Equal("Bearer tok", token));
    }

    [Fact]
    public async Task A_server_without_next_rooms_still_suggests_rooms_and_people()
    {
        using var http = new HttpClient(new StubRecommendations { HasNextRooms = false });
        var found = await new RecommendationsClient(http, new Uri("http://gateway.test/"), new FixedToken("tok")).GetAsync(5, Cancellation);

        Assert.Null(found.NextRooms);
        Assert.NotEmpty(found.Rooms);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "Suggestions are being prepared (the first model is still training); try again in a minute.")]
    [InlineData(HttpStatusCode.Unauthorized, "The server did not accept the saved login for suggestions; run chatcloud login again.")]
    [InlineData(HttpStatusCode.BadRequest, "Suggestions: Invalid recommendations request: count is 1 to 20. (400)")]
    public async Task A_refusal_is_explained(HttpStatusCode status, string message)
    {
        using var http = new HttpClient(new StubRecommendations { RoomsStatus = status });
        var client = new RecommendationsClient(http, new Uri("http://gateway.test/"), new FixedToken("tok"));

        var refused = await Assert.ThrowsAsync<SuggestionsUnavailableException>(() => client.GetAsync(5, Cancellation));
        Assert.Equal(message, refused.Message);
    }

    [Fact]
    public void The_lines_name_rooms_as_the_chat_does_with_their_reasons()
    {
        var lines = SuggestionFormat.Lines(new Suggestions(3, true,
            [new("#gardening", "active with people you talk to", 0.8), new("12", "popular right now", 0.4)],
            [],
            [new("#cooking", "", 0.4)]));

        Assert.Equal(
        [
            "Suggestions for you (model v3):",
            "  Rooms to join:",
            "    #gardening — active with people you talk to",
            "    #12 — popular right now",
            "  People to talk to: nothing to suggest right now.",
            "  Likely next:",
            "    #cooking",
            "/join #room to join one, /query <nick> to talk to someone.",
        ], lines);
        Assert.StartsWith("Popular right now (not personalised)", SuggestionFormat.Lines(new Suggestions(null, false, [], [], null))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_saved_login_suggest_says_how_to_get_one_and_keeps_the_line()
    {
        var controller = new ChatController(_client, _session, action => action(), () => { });

        Assert.False(controller.Execute("/suggest"));
        Assert.Contains(_session.ServerBuffer.Lines, line => line.Kind == LineKind.Error && line.Text.Contains("chatcloud login", StringComparison.Ordinal));
        await controller.SuggestionsTask;
    }

    [Fact]
    public async Task With_a_source_the_suggestions_appear_in_the_buffer_where_it_was_typed()
    {
        using var http = new HttpClient(new StubRecommendations());
        var controller = new ChatController(_client, _session, action => action(), () => { },
            new RecommendationsClient(http, new Uri("http://gateway.test/"), new FixedToken("tok")));

        Assert.True(controller.Execute("/suggest 2"));
        await controller.SuggestionsTask;

        var shown = _session.ServerBuffer.Lines.Select(line => line.Text).ToList();
        Assert.Contains("    #gardening — active with people you talk to", shown);
        Assert.Contains("    carol — talks with 2 people you talk to", shown);
    }

    [Fact]
    public async Task A_failure_is_shown_as_an_error_line()
    {
        using var http = new HttpClient(new StubRecommendations { RoomsStatus = HttpStatusCode.ServiceUnavailable });
        var controller = new ChatController(_client, _session, action => action(), () => { },
            new RecommendationsClient(http, new Uri("http://gateway.test/"), new FixedToken("tok")));

        controller.Execute("/suggest");
        await controller.SuggestionsTask;

        Assert.Contains(_session.ServerBuffer.Lines, line => line.Kind == LineKind.Error && line.Text.StartsWith("Suggestions are being prepared", StringComparison.Ordinal));
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private sealed class FixedToken(string value) : IAccessTokenSource
    {
        public Task<AccessToken> GetAsync(CancellationToken cancellationToken) => Task.FromResult(new AccessToken(value, DateTimeOffset.MaxValue));
    }

    // The recommendations API's answers as docs/ml.md gives them.
    private sealed class StubRecommendations : HttpMessageHandler
    {
        public bool HasNextRooms { get; init; } = true;

        public HttpStatusCode RoomsStatus { get; init; } = HttpStatusCode.OK;

        public List<string> Asked { get; } = [];

        public List<string> Tokens { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Asked.Add(request.RequestUri!.PathAndQuery);
            Tokens.Add(request.Headers.Authorization!.ToString());
            return Task.FromResult(request.RequestUri.AbsolutePath switch
            {
                "/api/recommendations/rooms" when RoomsStatus == HttpStatusCode.BadRequest => Json(RoomsStatus, """{"status":400,"title":"Invalid recommendations request","detail":"count is 1 to 20."}"""),
                "/api/recommendations/rooms" when RoomsStatus != HttpStatusCode.OK => new HttpResponseMessage(RoomsStatus),
                "/api/recommendations/rooms" => Json(HttpStatusCode.OK, """
                    {"modelVersion":3,"personalised":true,"items":[{"id":"#gardening","reason":"active with people you talk to","score":0.83},{"id":"12","reason":"popular right now","score":0.4}]}
                    """),
                "/api/recommendations/people" => Json(HttpStatusCode.OK, """
                    {"modelVersion":3,"items":[{"id":"carol","reason":"talks with 2 people you talk to","score":0.6}]}
                    """),
                "/api/recommendations/next-rooms" when HasNextRooms => Json(HttpStatusCode.OK, """
                    {"personalised":true,"items":[{"id":"#cooking","reason":"","score":0.42}]}
                    """),
                _ => new HttpResponseMessage(HttpStatusCode.NotFound),
            });
        }

        private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
            new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
