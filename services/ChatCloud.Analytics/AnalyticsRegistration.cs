using ChatCloud.Analytics.Activity;
using ChatCloud.Contracts.Auth;
using ChatCloud.Contracts.Messages;
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
        // The schema first: hosted services start in registration order, the consumers after it.
        builder.Services.AddHostedService<ActivitySchemaInitializer>();
        builder.Services.AddEventHandler<MessageStored, RoomActivityAggregator>("analytics.message-stored");
        builder.Services.AddEventHandler<DirectMessageStored, DirectMessagesAggregator>("analytics.direct-message-stored");
        builder.Services.AddEventHandler<AccountCreated, NewAccountsAggregator>("analytics.account-created");
        builder.Services.AddEventHandler<AccountDeleted, DeletedAccountsForgetter>("analytics.account-deleted");
        builder.Services.AddEventHandler<SignedIn, SignInsAggregator>("analytics.signed-in");
        return builder;
    }
}
