using ChatCloud.Contracts.Auth;
using ChatCloud.Contracts.Messages;
using ChatCloud.Messages.Conversations;
using ChatCloud.Messages.Posting;
using ChatCloud.Messages.Privacy;
using ChatCloud.Messages.ReadMarkers;
using ChatCloud.Messages.Rooms;
using ChatCloud.Messaging;

namespace ChatCloud.Messages;

public static class MessagesRegistration
{
    /// <summary>Queue of post requests from every edge; replicas share it.</summary>
    public const string PostQueue = "messages.post";

    public static WebApplicationBuilder AddMessages(this WebApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(ResourceNames.Database);
        builder.AddRedisClient(ResourceNames.Cache);
        builder.AddRabbitMQClient(ResourceNames.Messaging);

        builder.Services.AddSingleton(TimeProvider.System);
        // The tables exist before the first post is consumed: hosted services start in this order.
        builder.Services.AddHostedService<SchemaInitializer>();
        builder.Services.AddChatMessaging();
        builder.Services.AddEventHandler<PostRequested, PostRequestedHandler>(PostQueue);
        builder.Services.AddEventHandler<AccountDeleted, AccountDeletedHandler>("messages.account-deleted");
        builder.Services.AddSingleton<RoomMembership>();
        builder.Services.AddSingleton<RoomModeration>();
        builder.Services.AddSingleton<RoomModes>();
        builder.Services.AddSingleton<RoomDirectory>();
        builder.Services.AddSingleton<MemberPresence>();
        builder.Services.AddOptions<RedactionOptions>()
            .BindConfiguration(RedactionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RoomRedaction>();
        builder.Services.AddSingleton<ConversationRedaction>();
        builder.Services.AddSingleton<ReadMarkerStore>();
        builder.Services.AddHostedService<EdgeSweeper>();
        builder.Services.AddProblemDetails();
        return builder;
    }
}
