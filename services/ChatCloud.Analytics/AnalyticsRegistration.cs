using ChatCloud.Analytics.Activity;
using ChatCloud.Analytics.Connections;
using ChatCloud.Analytics.Recommender;
using ChatCloud.Analytics.Replay;
using ChatCloud.Contracts;
using ChatCloud.Contracts.Activity;
using ChatCloud.Contracts.Auth;
using ChatCloud.Contracts.History;
using ChatCloud.Contracts.Messages;
using ChatCloud.Contracts.Recommendations;
using ChatCloud.Messaging;

namespace ChatCloud.Analytics;

public static class AnalyticsRegistration
{
    /// <summary>The resources the analytics service works with; each integration adds its own health check to /health.</summary>
    public static WebApplicationBuilder AddAnalytics(this WebApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(ResourceNames.Database);
        builder.AddRabbitMQClient(ResourceNames.Messaging);
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ActivityMetrics>();
        builder.Services.AddSingleton<ActivityReports>();
        builder.Services.AddSingleton<RecommenderReports>();
        builder.Services.AddSingleton<ConnectionsReports>();
        // The schema first: hosted services start in registration order, the consumers after it.
        builder.Services.AddHostedService<ActivitySchemaInitializer>();
        builder.Services.AddAggregator<MessageStored, RoomActivityAggregator>("analytics.message-stored");
        builder.Services.AddAggregator<DirectMessageStored, DirectMessagesAggregator>("analytics.direct-message-stored");
        builder.Services.AddAggregator<AccountCreated, NewAccountsAggregator>("analytics.account-created");
        builder.Services.AddEventHandler<AccountDeleted, DeletedAccountsForgetter>("analytics.account-deleted");
        builder.Services.AddAggregator<SignedIn, SignInsAggregator>("analytics.signed-in");
        builder.Services.AddAggregator<SignedOut, SignOutsAggregator>("analytics.signed-out");
        builder.Services.AddAggregator<RecommendationsShown, ImpressionsAggregator>("analytics.recommendations-shown");
        builder.Services.AddAggregator<RecommendationClicked, ClicksAggregator>("analytics.recommendation-clicked");
        builder.Services.AddAggregator<RecommendationDismissed, DismissalsAggregator>("analytics.recommendation-dismissed");
        builder.Services.AddAggregator<RoomJoined, RoomJoinsRecorder>("analytics.room-joined");
        builder.Services.AddAggregator<PrefetchOutcome, PrefetchAggregator>("analytics.prefetch-outcome");
        builder.Services.AddAggregator<ModelActivated, ModelsRecorder>("analytics.model-activated");
        builder.Services.AddAggregator<Searched, SearchesAggregator>("analytics.searched");
        builder.Services.AddAggregator<RoomRead, ReadsAggregator>("analytics.room-read");
        builder.Services.AddSingleton<AggregatesRebuild>();
        builder.Services.AddOptions<EventLogOptions>().BindConfiguration(EventLogOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<EventLogPruner>();
        return builder;
    }

    /// <summary>
    /// How long an aggregator lets a batch gather: figures by the hour need no promptness, and under a
    /// stream of messages a few large batches a second cost far less than one small batch after another.
    /// </summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(250);

    /// <summary>A consumer whose fold a rebuild can run again over the event log (<see cref="AggregatesRebuild"/>).</summary>
    private static void AddAggregator<TEvent, TAggregator>(this IServiceCollection services, string queueName)
        where TEvent : IntegrationEvent
        where TAggregator : class, IEventHandler<TEvent>, IReplayable
    {
        services.AddEventHandler<TEvent, TAggregator>(queueName, Gather);
        services.AddScoped<IReplayable>(provider => provider.GetRequiredService<TAggregator>());
    }
}
