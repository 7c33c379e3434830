namespace ChatCloud.Recommendations;

public static class RecommendationsRegistration
{
    /// <summary>The resources the recommendations service works with; each integration adds its own health check to /health.</summary>
    public static WebApplicationBuilder AddRecommendations(this WebApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(ResourceNames.Database);
        builder.AddRedisClient(ResourceNames.Cache);
        builder.AddRabbitMQClient(ResourceNames.Messaging);
        return builder;
    }
}
