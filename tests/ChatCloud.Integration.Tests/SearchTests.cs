using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Integration.Tests.Eventually;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// Full-text search through the gateway (<c>/api/history/search</c>): a person finds words in the
/// rooms they are in, in one room or all of them, page by page, newest first; rooms they may not read
/// answer as a history read does (403, and 404 for a secret room as for none); bad input is a problem.
/// </summary>
public sealed class SearchTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_finds_words_in_their_own_rooms_only_page_by_page()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (mine, alsoMine, open, secret, missing) = ($"#sa{suffix}", $"#sb{suffix}", $"#sc{suffix}", $"#sd{suffix}", $"#se{suffix}");
        var word = "zebra" + suffix;
        var searcher = await SignedInUser.CreateAsync(suite, "sfind" + suffix, "searchers password");
        var (token, _) = await searcher.SignInAsync();
        await using var member = await searcher.IrcAsync("sfind" + suffix);
        await member.SendAsync($"JOIN {mine},{alsoMine}", Cancellation);
        await member.ExpectAsync(line => Verb(line) == "366" && line.Contains(alsoMine, StringComparison.Ordinal), Cancellation);
        await member.SendAsync($"PRIVMSG {mine} :the first {word} of the day", Cancellation);
        await member.SendAsync($"PRIVMSG {mine} :nothing to see here", Cancellation);
        await member.SendAsync($"PRIVMSG {alsoMine} :a second {word}, striped", Cancellation);
        await member.SendAsync($"PRIVMSG {mine} :\"{word.ToUpperInvariant()}\" again", Cancellation);
        await using var other = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await other.RegisterAsync("sother" + suffix, Cancellation);
        await other.SendAsync($"JOIN {open},{secret}", Cancellation);
        await other.ExpectAsync(line => Verb(line) == "366" && line.Contains(secret, StringComparison.Ordinal), Cancellation);
        await other.SendAsync($"MODE {secret} +s", Cancellation);
        await other.ExpectAsync(line => Verb(line) == "MODE", Cancellation);
        await other.SendAsync($"PRIVMSG {open} :an open {word}", Cancellation);
        await other.SendAsync($"PRIVMSG {secret} :a secret {word}", Cancellation);

        // Across the account's rooms: its three and no others, newest first.
        var all = await EventuallyAsync(async () =>
        {
            var (status, body) = await GetAsync($"/api/history/search?q={word}", token);
            return status == HttpStatusCode.OK && body.GetProperty("hits").GetArrayLength() == 3 ? body : (JsonElement?)null;
        });
        var hits = all.GetProperty("hits").EnumerateArray().Select(Summary).ToList();
        Assert.Equivalent(new[]
        {
            (mine, $"the first {word} of the day"), (alsoMine, $"a second {word}, striped"), (mine, $"\"{word.ToUpperInvariant()}\" again"),
        }, hits.Select(hit => (hit.Room, hit.Text)).ToArray(), strict: true);
        Assert.Equal(hits.OrderByDescending(hit => hit.Time).ThenByDescending(hit => hit.Msgid, StringComparer.Ordinal), hits);
        Assert.Equal(JsonValueKind.Null, all.GetProperty("next").ValueKind);

        // Two a page: the pages together are the same list, the last without a next.
        var (_, first) = await GetAsync($"/api/history/search?q={word}&limit=2", token);
        var next = first.GetProperty("next").GetString();
        Assert.NotNull(next);
        var (secondStatus, second) = await GetAsync($"/api/history/search?q={word}&limit=2&before={next}", token);
        Assert.Equal(HttpStatusCode.OK, secondStatus);
        Assert.Equal(hits, first.GetProperty("hits").EnumerateArray().Concat(second.GetProperty("hits").EnumerateArray()).Select(Summary));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);

        // In one room; a phrase; a word that is not there.
        var (_, inOne) = await GetAsync($"/api/history/search?q={word}&room={Uri.EscapeDataString(alsoMine)}", token);
        Assert.Equal([$"a second {word}, striped"], inOne.GetProperty("hits").EnumerateArray().Select(hit => hit.GetProperty("message").GetProperty("text").GetString()));
        var (_, phrase) = await GetAsync($"/api/history/search?q={Uri.EscapeDataString($"\"first {word}\"")}", token);
        Assert.Equal(1, phrase.GetProperty("hits").GetArrayLength());
        var (_, none) = await GetAsync($"/api/history/search?q=absent{suffix}", token);
        Assert.Equal(0, none.GetProperty("hits").GetArrayLength());

        // Rooms it may not read: as a history read answers them.
        var (openStatus, openBody) = await GetAsync($"/api/history/search?q={word}&room={Uri.EscapeDataString(open)}", token);
        var (secretStatus, secretBody) = await GetAsync($"/api/history/search?q={word}&room={Uri.EscapeDataString(secret)}", token);
        var (missingStatus, missingBody) = await GetAsync($"/api/history/search?q={word}&room={Uri.EscapeDataString(missing)}", token);
        Assert.Equal(HttpStatusCode.Forbidden, openStatus);
        Assert.Equal("urn:chatcloud:history:not-a-member", openBody.GetProperty("type").GetString());
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (secretStatus, missingStatus));
        Assert.Equal(missingBody.GetProperty("type").GetString(), secretBody.GetProperty("type").GetString());

        // Bad input: a problem that says what is wrong.
        var (shortStatus, shortBody) = await GetAsync("/api/history/search?q=a", token);
        Assert.Equal(HttpStatusCode.BadRequest, shortStatus);
        Assert.Contains("2 to 200 characters", shortBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (cursorStatus, _) = await GetAsync($"/api/history/search?q={word}&before=nonsense", token);
        Assert.Equal(HttpStatusCode.BadRequest, cursorStatus);

        // Leaving a room takes its messages out of the account's search.
        await member.SendAsync($"PART {alsoMine}", Cancellation);
        await member.ExpectAsync(line => Verb(line) == "PART", Cancellation);
        var (_, afterPart) = await GetAsync($"/api/history/search?q={word}", token);
        Assert.All(afterPart.GetProperty("hits").EnumerateArray(), hit => Assert.Equal(mine, hit.GetProperty("room").GetString()));
    }

    private static (string? Room, string? Text, DateTimeOffset Time, string? Msgid) Summary(JsonElement hit) =>
        (hit.GetProperty("room").GetString(), hit.GetProperty("message").GetProperty("text").GetString(),
         hit.GetProperty("message").GetProperty("time").GetDateTimeOffset(), hit.GetProperty("message").GetProperty("msgid").GetString());

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path, string token)
    {
        using var http = new HttpClient { BaseAddress = suite.GatewayAddress, Timeout = Deadlines.Request };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
