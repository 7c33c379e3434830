using ChatCloud.History.Rooms;

namespace ChatCloud.History;

public static class HistoryRegistration
{
    /// <summary>The resources the history service works with; each integration adds its own health check to /health.</summary>
    public static WebApplicationBuilder AddHistory(this WebApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(ResourceNames.Database);
        builder.AddRedisClient(ResourceNames.Cache);
        builder.AddRabbitMQClient(ResourceNames.Messaging);

        // Errors, the framework's own included, answer as ProblemDetails (application/problem+json).
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<RoomHistoryStore>();
        return builder;
    }
}
