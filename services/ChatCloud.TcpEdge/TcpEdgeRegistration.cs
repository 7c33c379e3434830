namespace ChatCloud.TcpEdge;

public static class TcpEdgeRegistration
{
    /// <summary>The resources the TCP edge service works with; each integration adds its own health check to /health.</summary>
    public static WebApplicationBuilder AddTcpEdge(this WebApplicationBuilder builder)
    {
        builder.AddRedisClient(ResourceNames.Cache);
        builder.AddRabbitMQClient(ResourceNames.Messaging);
        return builder;
    }
}
