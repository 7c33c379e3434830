using ChatCloud.Analytics.Activity;
using ChatCloud.Analytics.Replay;
using ChatCloud.Contracts.Activity;
using ChatCloud.Contracts.History;
using ChatCloud.Contracts.Recommendations;
using Npgsql;

namespace ChatCloud.Analytics.Recommender;

/// <summary>What the impressions need: how many were shown, and which rooms (people suggested are not kept, only counted).</summary>
public sealed record Shown(Guid AccountId, int Count, IReadOnlyList<string> Rooms, DateTimeOffset At);

public sealed record Moment(DateTimeOffset At);

public sealed record Joined(Guid AccountId, string Room, DateTimeOffset At);

public sealed record PrefetchServed(bool Hit, double ServeMilliseconds, DateTimeOffset At);

/// <summary>Impressions (<c>recommendations.shown.v1</c>): one per item served; rooms shown are kept per account to pair with later joins.</summary>
public sealed class ImpressionsAggregator(NpgsqlDataSource dataSource, ActivityMetrics metrics) : Aggregator<RecommendationsShown, Shown>(dataSource)
{
    protected override Shown FactOf(RecommendationsShown shown) => new(shown.AccountId, shown.Targets.Count,
        shown.Kind == SuggestionKind.Room ? [.. shown.Targets.Distinct(StringComparer.Ordinal)] : [], shown.OccurredAt);

    protected override Guid? AccountOf(Shown fact) => fact.AccountId;

    protected override async Task FoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Shown> facts, CancellationToken cancellationToken)
    {
        foreach (var shown in facts)
        {
            await Sql.AddToDayAsync(connection, transaction, "recommender_days", shown.At, "impressions", (long)shown.Count, cancellationToken);
            foreach (var room in ForgottenAccount.IsKnown(shown.AccountId) ? shown.Rooms : [])
            {
                await Sql.ExecuteAsync(connection, transaction,
                    "INSERT INTO analytics.room_impressions (account, room, shown_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    cancellationToken, shown.AccountId, room, shown.At);
            }
        }
    }

    protected override void Counted(IReadOnlyList<Shown> facts) => metrics.Recommendations("impression", facts.Sum(f => f.Count));
}

public sealed class ClicksAggregator(NpgsqlDataSource dataSource, ActivityMetrics metrics) : Aggregator<RecommendationClicked, Moment>(dataSource)
{
    protected override Moment FactOf(RecommendationClicked clicked) => new(clicked.OccurredAt);

    protected override Guid? AccountOf(Moment fact) => null;

    protected override async Task FoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Moment> facts, CancellationToken cancellationToken)
    {
        foreach (var click in facts)
        {
            await Sql.AddToDayAsync(connection, transaction, "recommender_days", click.At, "clicks", 1L, cancellationToken);
        }
    }

    protected override void Counted(IReadOnlyList<Moment> facts) => metrics.Recommendations("click", facts.Count);
}

public sealed class DismissalsAggregator(NpgsqlDataSource dataSource) : Aggregator<RecommendationDismissed, Moment>(dataSource)
{
    protected override Moment FactOf(RecommendationDismissed dismissed) => new(dismissed.OccurredAt);

    protected override Guid? AccountOf(Moment fact) => null;

    protected override async Task FoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Moment> facts, CancellationToken cancellationToken)
    {
        foreach (var dismissal in facts)
        {
            await Sql.AddToDayAsync(connection, transaction, "recommender_days", dismissal.At, "dismissals", 1L, cancellationToken);
        }
    }
}

/// <summary>Joins by account (<c>activity.room-joined.v1</c>), paired with impressions when read: a join after a recommendation.</summary>
public sealed class RoomJoinsRecorder(NpgsqlDataSource dataSource) : Aggregator<RoomJoined, Joined>(dataSource)
{
    protected override Joined FactOf(RoomJoined joined) => new(joined.AccountId, joined.Room, joined.OccurredAt);

    protected override Guid? AccountOf(Joined fact) => fact.AccountId;

    protected override async Task FoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Joined> facts, CancellationToken cancellationToken)
    {
        foreach (var joined in facts.Where(j => ForgottenAccount.IsKnown(j.AccountId)))
        {
            await Sql.ExecuteAsync(connection, transaction,
                "INSERT INTO analytics.room_joins (account, room, joined_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                cancellationToken, joined.AccountId, joined.Room, joined.At);
        }
    }
}

/// <summary>Prefetch hits and misses per day with their serve times (<c>history.prefetch-outcome.v1</c>).</summary>
public sealed class PrefetchAggregator(NpgsqlDataSource dataSource, ActivityMetrics metrics) : Aggregator<PrefetchOutcome, PrefetchServed>(dataSource)
{
    protected override PrefetchServed FactOf(PrefetchOutcome outcome) => new(outcome.Hit, outcome.ServeMilliseconds, outcome.OccurredAt);

    protected override Guid? AccountOf(PrefetchServed fact) => null;

    protected override async Task FoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PrefetchServed> facts, CancellationToken cancellationToken)
    {
        foreach (var outcome in facts)
        {
            var (count, time) = outcome.Hit ? ("prefetch_hits", "hit_milliseconds") : ("prefetch_misses", "miss_milliseconds");
            await Sql.AddToDayAsync(connection, transaction, "recommender_days", outcome.At, count, 1L, cancellationToken);
            await Sql.AddToDayAsync(connection, transaction, "recommender_days", outcome.At, time, outcome.ServeMilliseconds, cancellationToken);
        }
    }

    protected override void Counted(IReadOnlyList<PrefetchServed> facts)
    {
        foreach (var outcome in facts)
        {
            metrics.Prefetch(outcome.Hit);
        }
    }
}

/// <summary>The model versions put in service with their offline figures (<c>recommendations.model-activated.v1</c>); the event is its own fact.</summary>
public sealed class ModelsRecorder(NpgsqlDataSource dataSource) : Aggregator<ModelActivated, ModelActivated>(dataSource)
{
    protected override ModelActivated FactOf(ModelActivated model) => model;

    protected override Guid? AccountOf(ModelActivated fact) => null;

    protected override async Task FoldAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ModelActivated> facts, CancellationToken cancellationToken)
    {
        foreach (var model in facts)
        {
            await Sql.ExecuteAsync(connection, transaction, """
                INSERT INTO analytics.models (version, activated_at, trained_at, protocol, k, hit_rate, ndcg, popularity_hit_rate, random_hit_rate)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (version) DO UPDATE SET activated_at = GREATEST(models.activated_at, EXCLUDED.activated_at)
                """, cancellationToken, model.Version, model.OccurredAt, model.TrainedAt, model.Protocol, model.K, model.HitRate, model.Ndcg,
                model.PopularityHitRate, model.RandomHitRate);
        }
    }
}
