namespace ChatCloud.Analytics;

public static class AnalyticsRegistration
{
    /// <summary>The resources the analytics service works with; each integration adds its own health check to /health.</summary>
    public static WebApplicationBuilder AddAnalytics(this WebApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(ResourceNames.Database);
        builder.AddRabbitMQClient(ResourceNames.Messaging);
        return builder;
    }
}
