using ChatCloud.Authentication;
using ChatCloud.Contracts.Messages;
using ChatCloud.Contracts.Recommendations;
using ChatCloud.History.Access;
using ChatCloud.History.Prefetch;
using ChatCloud.History.Rooms;
using ChatCloud.History.Search;
using ChatCloud.Messaging;

namespace ChatCloud.History;

public static class HistoryRegistration
{
    /// <summary>
    /// The read API's policy: a service (the edge, which checks membership itself) or a person, whose
    /// room and conversation access the endpoints check (<see cref="RoomAccess"/>, <see cref="HistoryCaller"/>).
    /// </summary>
    public const string ReaderPolicy = "history-reader";

    /// <summary>The resources the history service works with; each integration adds its own health check to /health.</summary>
    public static WebApplicationBuilder AddHistory(this WebApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(ResourceNames.Database);
        builder.AddRedisClient(ResourceNames.Cache);
        builder.AddRabbitMQClient(ResourceNames.Messaging);

        // Errors, the framework's own included, answer as ProblemDetails (application/problem+json).
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<RoomHistoryStore>();
        builder.Services.AddSingleton<RoomAccessStore>();
        builder.Services.AddSingleton<SearchStore>();
        builder.Services.AddSingleton(TimeProvider.System);
        // Predictive prefetch (docs/ml.md): hinted rooms' latest pages are warmed in Redis; opens report hits and misses.
        builder.Services.AddChatMessagingPublisher();
        builder.Services.AddSingleton<LatestPageCache>();
        builder.Services.AddSingleton<LatestPageReads>();
        builder.Services.AddEventHandler<PrefetchHinted, PrefetchWarmer>("history.prefetch-hinted");
        builder.Services.AddEventHandler<MessageStored, LatestPageInvalidator>("history.message-stored");
        builder.Services.AddAuthorizationBuilder().AddPolicy(ReaderPolicy,
            policy => policy.RequireRole(TokenRoles.Service, TokenRoles.User, TokenRoles.Admin));
        return builder;
    }
}
