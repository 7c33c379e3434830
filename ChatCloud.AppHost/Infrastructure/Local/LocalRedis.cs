using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace ChatCloud.AppHost.Infrastructure.Local;

/// <summary>The Debian-packaged Redis server as a local process, with append-only persistence in the state folder.</summary>
public sealed class LocalRedisResource(string name, string command, string dataDirectory, ParameterResource password)
    : ExecutableResource(name, command, dataDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public ParameterResource Password { get; } = password;
    public EndpointReference Endpoint => new(this, EndpointName);

    // The same shape as Aspire's Redis container resource: host:port,password=…
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{Endpoint.Property(EndpointProperty.IPV4Host)}:{Endpoint.Property(EndpointProperty.Port)},password={Password}");
}

public static class LocalRedisBuilderExtensions
{
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> password, string stateDirectory, int port)
    {
        var command = LocalCommand.Find("redis-server", "/usr/bin/redis-server");
        var dataDirectory = Path.Combine(stateDirectory, "redis");
        var configFile = Path.Combine(dataDirectory, "redis.conf");
        var redis = new LocalRedisResource(name, command, dataDirectory, password.Resource);

        // The password goes in a mode-600 file, not on the command line where ps shows it.
        builder.Eventing.Subscribe<BeforeStartEvent>(async (_, cancellationToken) =>
        {
            Directory.CreateDirectory(dataDirectory);
            var secret = await password.Resource.GetValueAsync(cancellationToken);
            string[] lines =
            [
                $"port {port.ToString(CultureInfo.InvariantCulture)}",
                "bind 127.0.0.1",
                "protected-mode yes",
                "daemonize no",
                "logfile \"\"",
                $"dir {dataDirectory}",
                "appendonly yes",
                "appendfsync everysec",
                "save 900 1 300 10 60 10000",
                $"requirepass {secret}",
            ];
            await File.WriteAllLinesAsync(configFile, lines, cancellationToken);
            File.SetUnixFileMode(configFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        });

        var healthCheckKey = $"{name}_check";
        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(redis, async (_, cancellationToken) =>
            connectionString = await redis.ConnectionStringExpression.GetValueAsync(cancellationToken));
        builder.Services.AddHealthChecks().AddRedis(
            _ => connectionString ?? throw new InvalidOperationException("Connection string is unavailable"),
            name: healthCheckKey);

        return builder.AddResource(redis)
            .WithArgs(configFile)
            .WithEndpoint(LocalRedisResource.EndpointName, endpoint =>
            {
                endpoint.Port = port;
                endpoint.TargetPort = port;
                endpoint.UriScheme = "tcp";
                endpoint.IsProxied = false;
            })
            .WithHealthCheck(healthCheckKey);
    }
}
