namespace ChatCloud.Messages;

public static class MessagesRegistration
{
    /// <summary>The resources the messages service works with; each integration adds its own health check to /health.</summary>
    public static WebApplicationBuilder AddMessages(this WebApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(ResourceNames.Database);
        builder.AddRedisClient(ResourceNames.Cache);
        builder.AddRabbitMQClient(ResourceNames.Messaging);
        return builder;
    }
}
