namespace ChatCloud.Auth;

public static class AuthRegistration
{
    /// <summary>The resources the auth service works with; each integration adds its own health check to /health.</summary>
    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(ResourceNames.Database);
        builder.AddRedisClient(ResourceNames.Cache);
        builder.AddRabbitMQClient(ResourceNames.Messaging);
        return builder;
    }
}
