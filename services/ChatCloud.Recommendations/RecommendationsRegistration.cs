using ChatCloud.Contracts.Activity;
using ChatCloud.Contracts.Auth;
using ChatCloud.Contracts.Messages;
using ChatCloud.Messaging;
using ChatCloud.Recommendations.Api;
using ChatCloud.Recommendations.EventHistory;
using ChatCloud.Recommendations.Models;
using ChatCloud.Recommendations.Online;
using Microsoft.Extensions.Options;

namespace ChatCloud.Recommendations;

public static class RecommendationsRegistration
{
    /// <summary>The resources the recommendations service works with; each integration adds its own health check to /health.</summary>
    public static WebApplicationBuilder AddRecommendations(this WebApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(ResourceNames.Database);
        builder.AddRedisClient(ResourceNames.Cache);
        builder.AddRabbitMQClient(ResourceNames.Messaging);

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<RecommendationsOptions>()
            .BindConfiguration(RecommendationsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DismissalStore>();
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<InteractionStore>();
        services.AddSingleton<ModelStore>();
        // The schema first: hosted services start in registration order, the consumers after it.
        services.AddHostedService<SchemaInitializer>();
        services.AddChatMessagingPublisher();
        services.AddSingleton<OnlineActivity>();
        services.AddSingleton<OnlineCandidates>();
        services.AddSingleton<NextRoomHints>();
        services.AddSingleton<SuggestionSignals>();
        // Online features (docs/ml.md): activity becomes Redis state within moments of happening.
        services.AddEventHandler<RoomJoined, RoomJoinedRecorder>("recommendations.room-joined");
        services.AddEventHandler<RoomLeft, RoomLeftRecorder>("recommendations.room-left");
        services.AddEventHandler<RoomRead, RoomReadRecorder>("recommendations.room-read");
        // Room messages are the busy stream: a batch gathers for a quarter second, a delay no
        // suggestion notices, for a few batches a second instead of one per handful of messages.
        services.AddEventHandler<MessageStored, RoomMessageRecorder>("recommendations.message-stored", gather: TimeSpan.FromMilliseconds(250));
        services.AddEventHandler<DirectMessageStored, DirectMessageRecorder>("recommendations.direct-message-stored");
        services.AddEventHandler<SignedIn, SignedInHinter>("recommendations.signed-in");
        services.AddEventHandler<AccountDeleted, DeletedAccountForgetter>("recommendations.account-deleted");
        // The model learns from the event history once it holds enough, until then from the generated workload (docs/ml.md, "Training data").
        services.AddSingleton<EventInteractionSource>();
        services.AddSingleton<GeneratedInteractionSource>();
        services.AddSingleton(sp => new TrainingDataSelector(sp.GetRequiredService<EventInteractionSource>(), sp.GetRequiredService<GeneratedInteractionSource>(),
            sp.GetRequiredService<IOptions<RecommendationsOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ModelTrainer>();
        services.AddSingleton<ModelHolder>();
        services.AddSingleton<RetrainingProgress>();
        services.AddSingleton<RetrainingService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetrainingService>());
        services.AddProblemDetails();
        return builder;
    }
}
