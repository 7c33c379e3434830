using ChatCloud.Analytics.Activity;
using ChatCloud.Analytics.Connections;
using ChatCloud.Analytics.Recommender;
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
        builder.Services.AddEventHandler<MessageStored, RoomActivityAggregator>("analytics.message-stored");
        builder.Services.AddEventHandler<DirectMessageStored, DirectMessagesAggregator>("analytics.direct-message-stored");
        builder.Services.AddEventHandler<AccountCreated, NewAccountsAggregator>("analytics.account-created");
        builder.Services.AddEventHandler<AccountDeleted, DeletedAccountsForgetter>("analytics.account-deleted");
        builder.Services.AddEventHandler<SignedIn, SignInsAggregator>("analytics.signed-in");
        builder.Services.AddEventHandler<SignedOut, SignOutsAggregator>("analytics.signed-out");
        builder.Services.AddEventHandler<RecommendationsShown, ImpressionsAggregator>("analytics.recommendations-shown");
        builder.Services.AddEventHandler<RecommendationClicked, ClicksAggregator>("analytics.recommendation-clicked");
        builder.Services.AddEventHandler<RecommendationDismissed, DismissalsAggregator>("analytics.recommendation-dismissed");
        builder.Services.AddEventHandler<RoomJoined, RoomJoinsRecorder>("analytics.room-joined");
        builder.Services.AddEventHandler<PrefetchOutcome, PrefetchAggregator>("analytics.prefetch-outcome");
        builder.Services.AddEventHandler<ModelActivated, ModelsRecorder>("analytics.model-activated");
        return builder;
    }
}
