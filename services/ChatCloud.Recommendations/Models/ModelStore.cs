using System.Text.Json;
using System.Text.Json.Serialization;
using ChatCloud.Recommendations.Data;
using ChatCloud.Recommendations.Ranking;
using Npgsql;
using NpgsqlTypes;

namespace ChatCloud.Recommendations.Models;

/// <summary>
/// Model versions in <c>recommendations.model_versions</c> of <c>chatdb</c>, beside the event history
/// they are trained on: every replica and every start of the service sees the same versions, and a
/// suite's models never mix with another suite's (they lived in a folder on one machine's disk before).
/// A version is a row, written whole or not at all; its number is allocated under a lock, so two
/// replicas training at once get two versions.
/// </summary>
public sealed class ModelStore(NpgsqlDataSource dataSource)
{
    // Any constant shared by the replicas: pg_advisory_xact_lock serialises their saves until commit.
    private const long SaveLock = 0x5245_434D_4F44_454C; // "RECMODEL"

    private const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS recommendations;
        CREATE TABLE IF NOT EXISTS recommendations.model_versions (
            version     integer PRIMARY KEY,
            card        jsonb NOT NULL,
            ranker      bytea NOT NULL,
            created_at  timestamptz NOT NULL DEFAULT now()
        );
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // cards from before the lift could be null hold "Infinity"
    };

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Ddl);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every readable version, newest first.</summary>
    public async Task<IReadOnlyList<ModelCard>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT version, card::text FROM recommendations.model_versions ORDER BY version DESC");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cards = new List<ModelCard>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (ReadCard(reader.GetString(1)) is { } card)
            {
                cards.Add(card with { Version = reader.GetInt32(0) });
            }
        }
        return cards;
    }

    /// <summary>A stored card, or null when it is unreadable (hand-edited, from an older build): such a version is skipped, not fatal.</summary>
    public static ModelCard? ReadCard(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelCard>(json, Json) is { Evaluation: not null } card ? card : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string WriteCard(ModelCard card) => JsonSerializer.Serialize(card, Json);

    /// <summary>
    /// Stores <paramref name="model"/> as the next version, in one transaction with deleting all but the
    /// newest <paramref name="keep"/>, and returns <paramref name="card"/> with the version it got.
    /// </summary>
    public async Task<ModelCard> SaveAsync(RecommenderModel model, ModelCard card, int keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(card);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        using var ranker = new MemoryStream();
        model.Save(ranker);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockCommand.Parameters.Add(new() { Value = SaveLock });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        // One past every row, readable or not, so a new version never lands on an old one.
        await using (var next = new NpgsqlCommand("SELECT coalesce(max(version), 0) + 1 FROM recommendations.model_versions", connection, transaction))
        {
            card = card with { Version = (int)(await next.ExecuteScalarAsync(cancellationToken))! };
        }
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO recommendations.model_versions (version, card, ranker, created_at) VALUES ($1, $2, $3, $4)", connection, transaction))
        {
            insert.Parameters.Add(new() { Value = card.Version });
            insert.Parameters.Add(new() { Value = WriteCard(card), NpgsqlDbType = NpgsqlDbType.Jsonb });
            insert.Parameters.Add(new() { Value = ranker.ToArray() });
            insert.Parameters.Add(new() { Value = card.TrainedAt });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var prune = new NpgsqlCommand("""
            DELETE FROM recommendations.model_versions
            WHERE version <= (SELECT version FROM recommendations.model_versions ORDER BY version DESC OFFSET $1 LIMIT 1)
            """, connection, transaction))
        {
            prune.Parameters.Add(new() { Value = keep });
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return card;
    }

    /// <summary>The ranker of <paramref name="version"/>, indexed on <paramref name="log"/> to serve from.</summary>
    public async Task<RecommenderModel> LoadAsync(int version, InteractionLog log, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT ranker FROM recommendations.model_versions WHERE version = $1");
        command.Parameters.Add(new() { Value = version });
        var ranker = await command.ExecuteScalarAsync(cancellationToken) as byte[]
            ?? throw new InvalidOperationException($"model version {version} is no longer stored");
        return await Task.Run(() => RecommenderModel.Load(new MemoryStream(ranker, writable: false), log, cancellationToken), cancellationToken);
    }
}
