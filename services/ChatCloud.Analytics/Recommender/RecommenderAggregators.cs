using ChatCloud.Analytics.Activity;
using ChatCloud.Contracts.Activity;
using ChatCloud.Contracts.History;
using ChatCloud.Contracts.Recommendations;
using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Analytics.Recommender;

/// <summary>Impressions (<c>recommendations.shown.v1</c>): one per item served; rooms shown are kept per account to pair with later joins.</summary>
public sealed class ImpressionsAggregator(NpgsqlDataSource dataSource, ActivityMetrics metrics) : IEventHandler<RecommendationsShown>
{
    public async Task HandleAsync(RecommendationsShown shown, EventContext context, CancellationToken cancellationToken)
    {
        var counted = await OnceInbox.RunAsync(dataSource, context, shown.Id, async (connection, transaction) =>
        {
            await RecommenderDayCounter.AddAsync(connection, transaction, shown.OccurredAt, "impressions", shown.Targets.Count, cancellationToken);
            if (shown.Kind == SuggestionKind.Room)
            {
                foreach (var room in shown.Targets.Distinct(StringComparer.Ordinal))
                {
                    await OnceInbox.ExecuteAsync(connection, transaction,
                        "INSERT INTO analytics.room_impressions (account, room, shown_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                        cancellationToken, shown.AccountId, room, shown.OccurredAt);
                }
            }
        }, cancellationToken);
        if (counted)
        {
            metrics.Recommendations("impression", shown.Targets.Count);
        }
    }
}

public sealed class ClicksAggregator(NpgsqlDataSource dataSource, ActivityMetrics metrics) : IEventHandler<RecommendationClicked>
{
    public async Task HandleAsync(RecommendationClicked clicked, EventContext context, CancellationToken cancellationToken)
    {
        if (await OnceInbox.RunAsync(dataSource, context, clicked.Id,
            (connection, transaction) => RecommenderDayCounter.AddAsync(connection, transaction, clicked.OccurredAt, "clicks", 1, cancellationToken), cancellationToken))
        {
            metrics.Recommendations("click", 1);
        }
    }
}

public sealed class DismissalsAggregator(NpgsqlDataSource dataSource) : IEventHandler<RecommendationDismissed>
{
    public Task HandleAsync(RecommendationDismissed dismissed, EventContext context, CancellationToken cancellationToken) =>
        OnceInbox.RunAsync(dataSource, context, dismissed.Id,
            (connection, transaction) => RecommenderDayCounter.AddAsync(connection, transaction, dismissed.OccurredAt, "dismissals", 1, cancellationToken), cancellationToken);
}

/// <summary>Joins by account (<c>activity.room-joined.v1</c>), paired with impressions when read: a join after a recommendation.</summary>
public sealed class RoomJoinsRecorder(NpgsqlDataSource dataSource) : IEventHandler<RoomJoined>
{
    public Task HandleAsync(RoomJoined joined, EventContext context, CancellationToken cancellationToken) =>
        OnceInbox.RunAsync(dataSource, context, joined.Id, (connection, transaction) => OnceInbox.ExecuteAsync(connection, transaction,
            "INSERT INTO analytics.room_joins (account, room, joined_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            cancellationToken, joined.AccountId, joined.Room, joined.OccurredAt), cancellationToken);
}

/// <summary>Prefetch hits and misses per day with their serve times (<c>history.prefetch-outcome.v1</c>).</summary>
public sealed class PrefetchAggregator(NpgsqlDataSource dataSource, ActivityMetrics metrics) : IEventHandler<PrefetchOutcome>
{
    public async Task HandleAsync(PrefetchOutcome outcome, EventContext context, CancellationToken cancellationToken)
    {
        var (count, time) = outcome.Hit ? ("prefetch_hits", "hit_milliseconds") : ("prefetch_misses", "miss_milliseconds");
        if (await OnceInbox.RunAsync(dataSource, context, outcome.Id, async (connection, transaction) =>
        {
            await RecommenderDayCounter.AddAsync(connection, transaction, outcome.OccurredAt, count, 1, cancellationToken);
            await RecommenderDayCounter.AddAsync(connection, transaction, outcome.OccurredAt, time, outcome.ServeMilliseconds, cancellationToken);
        }, cancellationToken))
        {
            metrics.Prefetch(outcome.Hit);
        }
    }
}

/// <summary>The model versions put in service with their offline figures (<c>recommendations.model-activated.v1</c>).</summary>
public sealed class ModelsRecorder(NpgsqlDataSource dataSource) : IEventHandler<ModelActivated>
{
    public Task HandleAsync(ModelActivated model, EventContext context, CancellationToken cancellationToken) =>
        OnceInbox.RunAsync(dataSource, context, model.Id, (connection, transaction) => OnceInbox.ExecuteAsync(connection, transaction, """
            INSERT INTO analytics.models (version, activated_at, trained_at, protocol, k, hit_rate, ndcg, popularity_hit_rate, random_hit_rate)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (version) DO UPDATE SET activated_at = GREATEST(models.activated_at, EXCLUDED.activated_at)
            """, cancellationToken, model.Version, model.OccurredAt, model.TrainedAt, model.Protocol, model.K, model.HitRate, model.Ndcg,
            model.PopularityHitRate, model.RandomHitRate), cancellationToken);
}

internal static class RecommenderDayCounter
{
    /// <summary>Adds to one column of the day's row; the column is one of this folder's constants, never input.</summary>
    public static Task AddAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset at, string column, double amount,
        CancellationToken cancellationToken) =>
        OnceInbox.ExecuteAsync(connection, transaction,
            $"INSERT INTO analytics.recommender_days (day, {column}) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET {column} = recommender_days.{column} + EXCLUDED.{column}",
            cancellationToken, DateOnly.FromDateTime(at.UtcDateTime), column.EndsWith("milliseconds", StringComparison.Ordinal) ? amount : (object)(long)amount);
}
