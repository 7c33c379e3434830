using System.Net;
using System.Text;
using ChatCloud.TcpEdge.History;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>The edge's side of the history API: how answers and failures of the service become outcomes.</summary>
public sealed class HistoryClientTests
{
    private static readonly HistoryQuery Query = new("#garden", "after", "msgid=m1", null, 10);

    [Fact]
    public async Task A_service_that_does_not_answer_is_unavailable_within_the_timeout()
    {
        var client = Client(async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }, timeoutMilliseconds: 200);
        var started = TimeProvider.System.GetTimestamp();

        var answer = await client.GetMessagesAsync(Query, TestContext.Current.CancellationToken);

        Assert.Equal(HistoryOutcome.Unavailable, answer.Outcome);
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_refused_connection_or_a_server_error_is_unavailable()
    {
        var refused = Client((_, _) => throw new HttpRequestException("Connection refused"));
        var failing = Client((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)));

        Assert.Equal(HistoryOutcome.Unavailable, (await refused.GetMessagesAsync(Query, TestContext.Current.CancellationToken)).Outcome);
        Assert.Equal(HistoryOutcome.Unavailable, (await failing.GetMessagesAsync(Query, TestContext.Current.CancellationToken)).Outcome);
    }

    [Fact]
    public async Task The_unknown_message_problem_is_told_apart_and_the_request_follows_the_api()
    {
        Uri? asked = null;
        var client = Client((request, _) =>
        {
            asked = request.RequestUri;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound)
            {
                Content = new StringContent("""{"type":"urn:chatcloud:history:unknown-message","status":404}""", Encoding.UTF8, "application/problem+json"),
            });
        });

        var answer = await client.GetMessagesAsync(Query, TestContext.Current.CancellationToken);

        Assert.Equal(HistoryOutcome.UnknownMessage, answer.Outcome);
        Assert.Equal("http://history/api/history/rooms/%23garden/messages?after=msgid%3Dm1&limit=10", asked?.AbsoluteUri);
    }

    [Fact]
    public async Task The_account_a_read_is_for_travels_in_the_on_behalf_of_header_and_only_when_there_is_one()
    {
        var headers = new List<string?>();
        var client = Client((request, _) =>
        {
            headers.Add(request.Headers.TryGetValues(ChatCloud.Contracts.History.HistoryHeaders.OnBehalfOf, out var values) ? string.Join(',', values) : null);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"room":"#garden","messages":[]}""", Encoding.UTF8, "application/json") });
        });
        var account = Guid.Parse("3f0b8c52-1d7e-4b8a-9a7c-5e2f4d6b8a10");

        await client.GetMessagesAsync(Query with { OnBehalfOf = account }, TestContext.Current.CancellationToken);
        await client.GetMessagesAsync(Query, TestContext.Current.CancellationToken);

        Assert.Equal(["3f0b8c52-1d7e-4b8a-9a7c-5e2f4d6b8a10", null], headers);
    }

    [Fact]
    public async Task Messages_are_read_from_the_api_json()
    {
        var client = Client((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""
                {"room":"#garden","messages":[{"msgid":"m2","sequence":2,"time":"2026-11-25T12:00:00.123456+00:00","account":null,
                "nick":"alice","user":"~alice","host":"10.0.0.1","kind":"PRIVMSG","text":"hi","clientTags":{"+draft/react":"x"}}]}
                """, Encoding.UTF8, "application/json"),
        }));

        var answer = await client.GetMessagesAsync(Query, TestContext.Current.CancellationToken);

        var entry = Assert.Single(answer.Items);
        Assert.Equal(("m2", "alice", "hi", "x"), (entry.Msgid, entry.Nick, entry.Text, entry.ClientTags!["+draft/react"]));
    }

    // A short timeout only where the test waits for it; a loaded machine must not turn an answer into a timeout.
    private static HistoryClient Client(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer, int timeoutMilliseconds = 10_000) =>
        new(new Factory(new Handler(answer)), Options.Create(new HistoryClientOptions { Timeout = TimeSpan.FromMilliseconds(timeoutMilliseconds) }),
            NullLogger<HistoryClient>.Instance);

    private sealed class Handler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            answer(request, cancellationToken);
    }

    private sealed class Factory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
