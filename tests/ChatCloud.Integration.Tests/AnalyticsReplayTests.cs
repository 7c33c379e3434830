using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using RabbitMQ.Client;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

using static ChatCloud.Integration.Tests.Eventually;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// The aggregates are a function of the events (issue 7, "Replaying the event stream rebuilds the
/// aggregates exactly"): activity from chatting — a sign-in, a join, messages, a search by IRC LIST, a
/// room read — is counted; an event delivered twice on the bus counts once; a deleted account's id
/// leaves the log; and a rebuild from the event log gives every report back unchanged, with none of
/// the deleted account's rows. Only an administrator may rebuild.
/// </summary>
public sealed class AnalyticsReplayTests(ChatCloudSuite suite)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>An hour long past, so only this test's events land in it.</summary>
    private static readonly DateTimeOffset PastHour = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, string Body)> CallAsync(HttpMethod method, string path, string token)
    {
        using var http = suite.App.CreateHttpClient(ResourceNames.Analytics, "http");
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task Chat_activity_is_counted_once_however_often_delivered_and_a_rebuild_from_the_log_gives_the_same_reports()
    {
        var user = await SignedInUser.CreateAsync(suite, "replay-rita", "ritas password");
        await using var irc = await user.IrcAsync("replay-rita");
        await irc.SendAsync("JOIN #Replay-Room", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "366", Cancellation);
        for (var i = 0; i < 3; i++)
        {
            await irc.SendAsync($"PRIVMSG #Replay-Room :replayed {i}", Cancellation);
        }
        await irc.SendAsync("LIST #replay*", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "323", Cancellation);
        await irc.SendAsync($"MARKREAD #replay-room timestamp={DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "MARKREAD", Cancellation);
        var admin = (await SignedInUser.Administrator(suite).SignInAsync()).AccessToken;
        var userToken = (await user.SignInAsync()).AccessToken;

        // Counted: the messages, the terminal's search and the read (each on its own queue).
        await EventuallyAsync(async () =>
        {
            var root = JsonDocument.Parse((await CallAsync(HttpMethod.Get, "/api/analytics/activity", admin)).Body).RootElement.Clone();
            var hours = root.GetProperty("usageHours").EnumerateArray().ToList();
            var counted = root.GetProperty("topRooms").EnumerateArray().Any(r => r.GetProperty("room").GetString() == "#replay-room" && r.GetProperty("messages").GetInt64() == 3)
                && hours.Any(h => h.GetProperty("searchesByScope").TryGetProperty("rooms", out var rooms) && rooms.GetInt64() >= 1)
                && hours.Any(h => h.GetProperty("roomReads").GetInt64() >= 1);
            return counted ? root : (JsonElement?)null;
        });

        // The same search delivered twice, then another: once the other is counted, so was the first, once.
        var twice = Guid.CreateVersion7();
        await using (var bus = await ConnectAsync())
        await using (var channel = await bus.CreateChannelAsync(cancellationToken: Cancellation))
        {
            await PublishSearchAsync(channel, twice, "replay-twice");
            await PublishSearchAsync(channel, twice, "replay-twice");
            await PublishSearchAsync(channel, Guid.CreateVersion7(), "replay-fence");
        }
        var past = $"/api/analytics/activity?from={PastHour:yyyy-MM-dd}&to={PastHour:yyyy-MM-dd}";
        var pastHour = await EventuallyAsync(async () =>
        {
            var root = JsonDocument.Parse((await CallAsync(HttpMethod.Get, past, admin)).Body).RootElement.Clone();
            var hour = root.GetProperty("usageHours").EnumerateArray().SingleOrDefault(h => h.GetProperty("hour").GetDateTimeOffset() == PastHour);
            return hour.ValueKind == JsonValueKind.Object && hour.GetProperty("searchesByScope").TryGetProperty("replay-fence", out _) ? hour : (JsonElement?)null;
        });
        Assert.Equal(1, pastHour.GetProperty("searchesByScope").GetProperty("replay-twice").GetInt64());

        // A deleted account's facts stay counted under no one: the log forgets its id, so a rebuild brings none of its rows back.
        var gone = await SignedInUser.CreateAsync(suite, "replay-gone", "gones password");
        var goneToken = (await gone.SignInAsync()).AccessToken;
        var goneId = Guid.Parse(JwtSubject(goneToken));
        await using (var goneIrc = await gone.IrcAsync("replay-gone"))
        {
            await goneIrc.SendAsync("JOIN #Replay-Room", Cancellation);
            await goneIrc.ExpectAsync(line => Verb(line) == "366", Cancellation);
            await goneIrc.SendAsync("PRIVMSG #Replay-Room :soon gone", Cancellation);
            await goneIrc.SendAsync("PING :sent", Cancellation);
            await goneIrc.ExpectAsync(line => Verb(line) == "PONG", Cancellation);
        }
        // Its account created, signed in, joined, wrote, signed out: all logged before the deletion, which an event arriving after it would outlive.
        await EventuallyAsync(async () => await CountAsync("SELECT count(*) FROM analytics.event_log WHERE account = $1", goneId) >= 5 ? "logged" : null);
        var deleted = await gone.CallAsync(HttpMethod.Delete, "/account", goneToken, new { password = "gones password" });
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        await EventuallyAsync(async () => await CountAsync("SELECT count(*) FROM analytics.active_accounts WHERE account = $1", goneId) == 0 ? "forgotten" : null);

        var forUser = await CallAsync(HttpMethod.Post, "/api/analytics/rebuild", userToken);
        Assert.Equal(HttpStatusCode.Forbidden, forUser.Status);

        // Other tests' activity can land between two reads; a rebuild that is not exact differs every time.
        string[] reports = ["/api/analytics/activity", past, past.Replace("activity?", "usage.csv?", StringComparison.Ordinal), "/api/analytics/usage.csv", "/api/analytics/activity.csv", "/api/analytics/recommendations", "/api/analytics/connections"];
        for (var attempt = 1; ; attempt++)
        {
            var before = await ReadAllAsync(reports, admin);
            var rebuilt = await CallAsync(HttpMethod.Post, "/api/analytics/rebuild", admin);
            var after = await ReadAllAsync(reports, admin);

            Assert.Equal(HttpStatusCode.OK, rebuilt.Status);
            using var result = JsonDocument.Parse(rebuilt.Body);
            Assert.True(result.RootElement.GetProperty("events").GetInt64() >= 7, rebuilt.Body);
            Assert.Equal(JsonValueKind.Null, result.RootElement.GetProperty("incompleteBefore").ValueKind);
            TestContext.Current.SendDiagnosticMessage(
                $"rebuild: {result.RootElement.GetProperty("events").GetInt64()} events refolded in {result.RootElement.GetProperty("milliseconds").GetInt64()} ms");
            if (before.SequenceEqual(after) || attempt == 3)
            {
                Assert.Equal(before, after);
                Assert.Equal(0, await CountAsync("SELECT count(*) FROM analytics.event_log WHERE account = $1 OR payload::text LIKE '%' || $1::text || '%'", goneId));
                Assert.Equal(0, await CountAsync("""
                    SELECT (SELECT count(*) FROM analytics.active_accounts WHERE account = $1) + (SELECT count(*) FROM analytics.accounts WHERE account = $1)
                         + (SELECT count(*) FROM analytics.room_joins WHERE account = $1) + (SELECT count(*) FROM analytics.connections WHERE account = $1)
                    """, goneId));
                Assert.StartsWith("hour,searches,room_reads,direct_reads,searches_replay-fence,searches_replay-twice\n2026-01-05T10:00:00Z,2,0,0,1,1\n", after[2], StringComparison.Ordinal);
                break;
            }
        }

        // A log that no longer holds everything (pruned) is not rebuilt from unless the loss is accepted.
        await ExecuteAsync("UPDATE analytics.event_log_state SET incomplete_before = '2026-02-01T00:00:00Z'");
        try
        {
            var refused = await CallAsync(HttpMethod.Post, "/api/analytics/rebuild", admin);
            Assert.Equal(HttpStatusCode.Conflict, refused.Status);
            Assert.Contains("2026-02-01T00:00:00", refused.Body, StringComparison.Ordinal);
            Assert.Equal(1, await CountAsync("SELECT searches FROM analytics.search_hours WHERE scope = 'replay-twice'"));
        }
        finally
        {
            await ExecuteAsync("UPDATE analytics.event_log_state SET incomplete_before = NULL");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create((await suite.App.GetConnectionStringAsync(ResourceNames.Database, Cancellation))!);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
    }

    private async Task<long> CountAsync(string sql, params object[] values)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create((await suite.App.GetConnectionStringAsync(ResourceNames.Database, Cancellation))!);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.AddWithValue(value);
        }
        return (long)(await command.ExecuteScalarAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation))!;
    }

    private static string JwtSubject(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var claims = JsonDocument.Parse(Convert.FromBase64String(payload));
        return claims.RootElement.GetProperty("sub").GetString()!;
    }

    private async Task<List<string>> ReadAllAsync(string[] paths, string token)
    {
        var bodies = new List<string>();
        foreach (var path in paths)
        {
            var (status, body) = await CallAsync(HttpMethod.Get, path, token);
            Assert.Equal(HttpStatusCode.OK, status);
            bodies.Add(body);
        }
        return bodies;
    }

    private async Task<IConnection> ConnectAsync()
    {
        var factory = new ConnectionFactory { Uri = new Uri((await suite.App.GetConnectionStringAsync(ResourceNames.Messaging, Cancellation))!) };
        return await factory.CreateConnectionAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
    }

    private static async Task PublishSearchAsync(IChannel channel, Guid id, string scope)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { id, occurredAt = PastHour.AddMinutes(15), accountId = Guid.NewGuid(), scope, queryLength = 4, results = 0 }, Json);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json", Type = "activity.searched.v1", MessageId = id.ToString() };
        await channel.BasicPublishAsync("chatcloud.events", "activity.searched.v1", mandatory: true, properties, body, Cancellation)
            .AsTask().WaitAsync(Deadlines.Request, Cancellation);
    }
}
