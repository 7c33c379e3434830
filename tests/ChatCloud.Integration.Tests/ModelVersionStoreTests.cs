using System.Net;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Npgsql;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// Model versions live in <c>recommendations.model_versions</c> beside the event history they were trained
/// on (docs/ml.md, "Model versions"), not on one machine's disk: each row a whole version, ranker and card,
/// numbered past every row there, an unreadable one skipped by the models API rather than fatal.
/// </summary>
public sealed class ModelVersionStoreTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private sealed record StoredVersion(int Version, int? CardVersion, int RankerBytes, bool RankerIsZip);

    private async Task<NpgsqlDataSource> DatabaseAsync() =>
        NpgsqlDataSource.Create((await suite.App.GetConnectionStringAsync(ResourceNames.Database, Cancellation))!);

    private async Task<List<StoredVersion>> StoredAsync()
    {
        await using var dataSource = await DatabaseAsync();
        await using var command = dataSource.CreateCommand("""
            SELECT version, CASE WHEN jsonb_typeof(card->'version') = 'number' THEN (card->>'version')::int END,
                   length(ranker), substring(ranker from 1 for 2) = '\x504b'::bytea
            FROM recommendations.model_versions ORDER BY version DESC
            """);
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var versions = new List<StoredVersion>();
        while (await reader.ReadAsync(Cancellation))
        {
            versions.Add(new(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetInt32(2), reader.GetBoolean(3)));
        }
        return versions;
    }

    private async Task<JsonElement> ModelsAsync(string admin)
    {
        using var http = suite.App.CreateHttpClient(ResourceNames.Recommendations, "http");
        var (status, body, _) = await SignedInUser.SendAsync(http, HttpMethod.Get, "/api/recommendations/models", admin, null);
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    private static int[] Listed(JsonElement models) =>
        [.. models.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32())];

    private static bool Idle(JsonElement models) =>
        models.GetProperty("inUse").ValueKind == JsonValueKind.Number && !models.GetProperty("retraining").GetProperty("running").GetBoolean();

    /// <summary>Asks again until <paramref name="done"/>; the last answer either way.</summary>
    private async Task<(bool Done, JsonElement Models)> UntilAsync(string admin, Func<JsonElement, bool> done, TimeSpan within)
    {
        var models = default(JsonElement);
        var ready = await Eventually.UntilAsync(async () => done(models = await ModelsAsync(admin)), within);
        return (ready, models);
    }

    [Fact]
    public async Task The_model_in_use_is_a_whole_row_in_the_database_and_the_api_lists_the_rows()
    {
        var admin = (await SignedInUser.Administrator(suite).SignInAsync()).AccessToken;
        var (ready, models) = await UntilAsync(admin, Idle, TimeSpan.FromMinutes(5));
        Assert.True(ready, $"no model in use: {models}");

        var stored = await StoredAsync();

        Assert.InRange(stored.Count, 1, 5); // Recommendations:KeepVersions, 5 by default
        Assert.Contains(stored, v => v.Version == models.GetProperty("inUse").GetInt32());
        Assert.All(stored, v =>
        {
            Assert.Equal(v.Version, v.CardVersion);
            Assert.True(v.RankerIsZip, $"version {v.Version}'s ranker is not ML.NET's zip");
            Assert.InRange(v.RankerBytes, 1_000, 1_000_000);
        });
        Assert.Equal(stored.Select(v => v.Version), Listed(models));
    }

    [Fact]
    public async Task An_unreadable_version_is_skipped_and_the_next_one_is_numbered_past_it()
    {
        var admin = (await SignedInUser.Administrator(suite).SignInAsync()).AccessToken;
        var (ready, models) = await UntilAsync(admin, Idle, TimeSpan.FromMinutes(5));
        Assert.True(ready, $"no model in use: {models}");
        var inUse = models.GetProperty("inUse").GetInt32();
        await using var dataSource = await DatabaseAsync();
        int unreadable;
        // As an older build might have left it: a card of another shape, a ranker that is no zip.
        await using (var insert = dataSource.CreateCommand("""
            INSERT INTO recommendations.model_versions (version, card, ranker, created_at)
            SELECT coalesce(max(version), 0) + 1, '{"version": "old", "format": 0}', '\x00'::bytea, now() FROM recommendations.model_versions
            RETURNING version
            """))
        {
            unreadable = (int)(await insert.ExecuteScalarAsync(Cancellation))!;
        }
        try
        {
            var listed = Listed(await ModelsAsync(admin));
            Assert.DoesNotContain(unreadable, listed);
            Assert.Contains(inUse, listed);

            using var http = suite.App.CreateHttpClient(ResourceNames.Recommendations, "http");
            var (status, _, _) = await SignedInUser.SendAsync(http, HttpMethod.Post, "/api/recommendations/models/retrain", admin, null);
            Assert.Equal(HttpStatusCode.Accepted, status);
            var (trained, after) = await UntilAsync(admin, m => Idle(m) && m.GetProperty("inUse").GetInt32() > unreadable, TimeSpan.FromMinutes(5));

            Assert.True(trained, $"no new version past {unreadable}: {after.GetProperty("retraining")}");
            Assert.Equal(unreadable + 1, after.GetProperty("inUse").GetInt32());
            Assert.Equal(unreadable + 1, Listed(after)[0]);
        }
        finally
        {
            await using var cleanup = dataSource.CreateCommand("DELETE FROM recommendations.model_versions WHERE version = $1");
            cleanup.Parameters.AddWithValue(unreadable);
            await cleanup.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
