namespace ChatCloud.Analytics.Recommender;

/// <summary>
/// The recommender's and the connections' aggregates (docs/analytics.md). Facts that a figure needs to
/// pair up (an impression and a later join; a sign-in and its sign-out; an account's cohort and its
/// active weeks) are kept as rows and paired when read, so the result does not depend on the order in
/// which different queues deliver, and a replay rebuilds it exactly. The rows with account ids go with
/// the account (docs/privacy.md).
/// </summary>
internal static class RecommenderSchema
{
    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS analytics.recommender_days (
            day                 date PRIMARY KEY,
            impressions         bigint NOT NULL DEFAULT 0,
            clicks              bigint NOT NULL DEFAULT 0,
            dismissals          bigint NOT NULL DEFAULT 0,
            prefetch_hits       bigint NOT NULL DEFAULT 0,
            prefetch_misses     bigint NOT NULL DEFAULT 0,
            hit_milliseconds    double precision NOT NULL DEFAULT 0,
            miss_milliseconds   double precision NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS analytics.room_impressions (
            account   uuid NOT NULL,
            room      text NOT NULL,
            shown_at  timestamptz NOT NULL,
            PRIMARY KEY (account, room, shown_at)
        );
        CREATE TABLE IF NOT EXISTS analytics.room_joins (
            account    uuid NOT NULL,
            room       text NOT NULL,
            joined_at  timestamptz NOT NULL,
            PRIMARY KEY (account, room, joined_at)
        );
        CREATE INDEX IF NOT EXISTS room_joins_by_time ON analytics.room_joins (joined_at);
        CREATE TABLE IF NOT EXISTS analytics.models (
            version              integer PRIMARY KEY,
            activated_at         timestamptz NOT NULL,
            trained_at           timestamptz NOT NULL,
            protocol             text NOT NULL,
            k                    integer NOT NULL,
            hit_rate             double precision NOT NULL,
            ndcg                 double precision NOT NULL,
            popularity_hit_rate  double precision NOT NULL,
            random_hit_rate      double precision NOT NULL
        );
        CREATE TABLE IF NOT EXISTS analytics.connections (
            connection  text PRIMARY KEY,
            kind        text NOT NULL,
            account     uuid NOT NULL,
            opened_at   timestamptz NULL,
            closed_at   timestamptz NULL
        );
        CREATE INDEX IF NOT EXISTS connections_by_open ON analytics.connections (opened_at);
        CREATE TABLE IF NOT EXISTS analytics.accounts (
            account      uuid PRIMARY KEY,
            created_day  date NOT NULL
        );
        """;
}
