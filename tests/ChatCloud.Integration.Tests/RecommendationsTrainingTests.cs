using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Npgsql;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

using static ChatCloud.Integration.Tests.Eventually;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// The model learns from the event history (issue 7: "trained with ML.NET on the event history"):
/// joins and messages over IRC reach the recommender's interaction store through the bus, a retraining
/// asked for by an operator trains on them (the thresholds' defaults, 5 accounts and 20 interactions,
/// are within this test's six accounts and 24 visits: docs/ml.md, "Training data"), and the new
/// version's card names the event history. Opting out deletes the account's rows.
/// </summary>
public sealed class RecommendationsTrainingTests(ChatCloudSuite suite)
{
    private const string Prefix = "rectrain-";
    private static readonly string[] FirstRooms = ["#rectrain-knit", "#rectrain-yarn", "#rectrain-purl"];
    private const string LaterRoom = "#rectrain-felt";
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, JsonElement Body)> CallAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var http = suite.App.CreateHttpClient(ResourceNames.Recommendations, "http");
        var (status, json, _) = await SignedInUser.SendAsync(http, method, path, token, body);
        return (status, json);
    }

    /// <summary>Stored interactions of this test's accounts, by kind and room.</summary>
    private async Task<long> StoredAsync(string kind, string? room = null, string? account = null)
    {
        await using var dataSource = NpgsqlDataSource.Create((await suite.App.GetConnectionStringAsync(ResourceNames.Database, Cancellation))!);
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FROM recommendations.interactions
            WHERE account_name LIKE 'rectrain-%' AND ($1 = '' OR kind = $1) AND ($2 = '' OR target = $2) AND ($3 = '' OR account_name = $3)
            """);
        command.Parameters.AddWithValue(kind);
        command.Parameters.AddWithValue(room ?? "");
        command.Parameters.AddWithValue(account ?? "");
        return (long)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    private static async Task JoinAsync(IrcTestClient client, string room)
    {
        await client.SendAsync($"JOIN {room}", Cancellation);
        await client.ExpectAsync(line => Verb(line) == "366", Cancellation);
    }

    [Fact]
    public async Task An_operators_retraining_learns_from_the_rooms_people_joined_and_wrote_in()
    {
        var users = new List<SignedInUser>();
        var clients = new List<IrcTestClient>();
        try
        {
            // Everyone connected first, so the activity is a burst, a pause, and a short burst: the time split's
            // cut (80% of the period) falls in the pause, with the later joins as held-out cases.
            for (var i = 1; i <= 6; i++)
            {
                users.Add(await SignedInUser.CreateAsync(suite, $"{Prefix}{i}", "train password"));
                clients.Add(await users[^1].IrcAsync($"{Prefix}{i}"));
            }
            var admin = (await SignedInUser.Administrator(suite).SignInAsync()).AccessToken;
            // The model of the start-up first (tens of seconds on a loaded machine), so the next version is the one asked for.
            Assert.True(await UntilAsync(async () => (await CallAsync(HttpMethod.Get, "/api/recommendations/models", admin)).Body is var body
                && body.GetProperty("inUse").ValueKind == JsonValueKind.Number && !body.GetProperty("retraining").GetProperty("running").GetBoolean(),
                TimeSpan.FromMinutes(5)), "no model in use");
            var burst = Stopwatch.StartNew();
            foreach (var (client, n) in clients.Select((c, n) => (c, n)))
            {
                foreach (var room in FirstRooms)
                {
                    await JoinAsync(client, room);
                }
                await client.SendAsync($"PRIVMSG {FirstRooms[0]} :hello from {n}", Cancellation);
            }
            await JoinAsync(clients[5], LaterRoom);
            Assert.True(await UntilAsync(async () => await StoredAsync("join") == 19 && await StoredAsync("message") == 6, Deadlines.Request),
                "the first joins and messages were not all stored");
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(15, 2 * burst.Elapsed.TotalSeconds)), Cancellation);
            foreach (var client in clients.Take(5))
            {
                await JoinAsync(client, LaterRoom);
            }
            Assert.True(await UntilAsync(async () => await StoredAsync("join", LaterRoom) == 6, Deadlines.Request), "the later joins were not all stored");

            var before = await CallAsync(HttpMethod.Get, "/api/recommendations/models", admin);
            var lastVersion = before.Body.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).DefaultIfEmpty(0).Max();
            var retrain = await CallAsync(HttpMethod.Post, "/api/recommendations/models/retrain", admin);
            JsonElement card = default;
            JsonElement overview = default;
            var trained = await UntilAsync(async () =>
            {
                overview = (await CallAsync(HttpMethod.Get, "/api/recommendations/models", admin)).Body;
                card = overview.GetProperty("versions").EnumerateArray().FirstOrDefault(v => v.GetProperty("version").GetInt32() > lastVersion);
                return card.ValueKind != JsonValueKind.Undefined && !overview.GetProperty("retraining").GetProperty("running").GetBoolean();
            }, TimeSpan.FromMinutes(5));

            Assert.Equal(HttpStatusCode.Accepted, retrain.Status);
            Assert.True(trained, $"no new version; the retraining status: {overview.GetProperty("retraining")}");
            Assert.Equal("events", card.GetProperty("source").GetString());
            Assert.StartsWith("event history", card.GetProperty("dataSource").GetString(), StringComparison.Ordinal);
            Assert.True(card.GetProperty("events").GetInt32() >= 24, card.ToString());
            Assert.Equal(card.GetProperty("version").GetInt32(), overview.GetProperty("inUse").GetInt32());
            var choice = overview.GetProperty("trainingData");
            Assert.Equal("events", choice.GetProperty("source").GetString());
            Assert.True(choice.GetProperty("eventAccounts").GetInt32() >= 6);
            Assert.Contains(overview.GetProperty("retraining").GetProperty("log").EnumerateArray(),
                line => line.GetString()!.Contains("training on the event history", StringComparison.Ordinal));

            // The opt-out deletes what the history kept of the account.
            var userToken = (await users[5].SignInAsync()).AccessToken;
            var optOut = await CallAsync(HttpMethod.Put, "/api/recommendations/settings", userToken, new { personalised = false });
            Assert.Equal(HttpStatusCode.OK, optOut.Status);
            Assert.Equal(0, await StoredAsync("", account: $"{Prefix}6"));
            Assert.True(await StoredAsync("", account: $"{Prefix}5") > 0);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
