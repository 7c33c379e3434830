using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace ChatCloud.AppHost.Infrastructure.Local;

/// <summary>The Debian-packaged RabbitMQ broker as a local process; Erlang distribution stays on loopback.</summary>
public sealed class LocalRabbitMqResource(string name, string command, string dataDirectory, ParameterResource userName, ParameterResource password)
    : ExecutableResource(name, command, dataDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public ParameterResource UserName { get; } = userName;
    public ParameterResource Password { get; } = password;
    public EndpointReference Endpoint => new(this, EndpointName);

    // The same shape as Aspire's RabbitMQ container resource: amqp://user:password@host:port
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserName}:{Password}@{Endpoint.Property(EndpointProperty.IPV4Host)}:{Endpoint.Property(EndpointProperty.Port)}");
}

public static class LocalRabbitMqBuilderExtensions
{
    public static IResourceBuilder<LocalRabbitMqResource> AddLocalRabbitMq(
        this IDistributedApplicationBuilder builder, string name,
        IResourceBuilder<ParameterResource> userName, IResourceBuilder<ParameterResource> password,
        string stateDirectory, PortSettings ports)
    {
        // The real script; /usr/sbin/rabbitmq-server is a wrapper that switches user.
        var command = LocalCommand.Find("rabbitmq-server", "/usr/lib/rabbitmq/bin/rabbitmq-server");
        var epmdCommand = LocalCommand.Find("erlang-base", "/usr/bin/epmd");
        var dataDirectory = Path.Combine(stateDirectory, "rabbitmq");
        var configFile = Path.Combine(dataDirectory, "rabbitmq.conf");
        var epmdPort = ports.Epmd.ToString(CultureInfo.InvariantCulture);

        // epmd runs in the foreground as its own resource; started by the broker it would daemonise
        // and outlive everything.
        var epmd = builder.AddExecutable($"{name}-epmd", epmdCommand, dataDirectory,
                "-port", epmdPort, "-address", "127.0.0.1")
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1");

        builder.Eventing.Subscribe<BeforeStartEvent>(async (_, cancellationToken) =>
        {
            Directory.CreateDirectory(dataDirectory);
            Directory.CreateDirectory(Path.Combine(dataDirectory, "log"));
            var user = await userName.Resource.GetValueAsync(cancellationToken);
            var secret = await password.Resource.GetValueAsync(cancellationToken);
            string[] lines =
            [
                $"listeners.tcp.default = 127.0.0.1:{ports.RabbitMq.ToString(CultureInfo.InvariantCulture)}",
                "distribution.listener.interface = 127.0.0.1",
                $"distribution.listener.port_range.min = {ports.RabbitMqDistribution.ToString(CultureInfo.InvariantCulture)}",
                $"distribution.listener.port_range.max = {ports.RabbitMqDistribution.ToString(CultureInfo.InvariantCulture)}",
                // Applied when the node first boots on an empty data directory.
                $"default_user = {user}",
                $"default_pass = {secret}",
                "log.console = true",
                "log.console.level = warning",
                "log.file = false",
            ];
            await File.WriteAllLinesAsync(configFile, lines, cancellationToken);
            File.SetUnixFileMode(configFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await File.WriteAllTextAsync(Path.Combine(dataDirectory, "enabled_plugins"), "[].\n", cancellationToken);
        });

        var rabbit = new LocalRabbitMqResource(name, command, dataDirectory, userName.Resource, password.Resource);

        var healthCheckKey = $"{name}_check";
        string? connectionString = null;
        IConnection? connection = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(rabbit, async (_, cancellationToken) =>
            connectionString = await rabbit.ConnectionStringExpression.GetValueAsync(cancellationToken));
        // An AMQP handshake, not a TCP connect: the broker accepts TCP before it serves AMQP.
        builder.Services.AddHealthChecks().AddRabbitMQ(async _ =>
        {
            if (connection is { IsOpen: true })
            {
                return connection;
            }
            var factory = new ConnectionFactory { Uri = new Uri(connectionString ?? throw new InvalidOperationException("Connection string is unavailable")) };
            connection = await factory.CreateConnectionAsync("apphost-health");
            return connection;
        }, name: healthCheckKey);

        return builder.AddResource(rabbit)
            .WithEnvironment("RABBITMQ_NODENAME", "chatcloud@localhost")
            .WithEnvironment("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_NODE_PORT", ports.RabbitMq.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("RABBITMQ_DIST_PORT", ports.RabbitMqDistribution.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("ERL_EPMD_PORT", epmdPort)
            .WithEnvironment("ERL_EPMD_ADDRESS", "127.0.0.1")
            .WithEnvironment("RABBITMQ_CONFIG_FILE", configFile)
            .WithEnvironment("RABBITMQ_ENABLED_PLUGINS_FILE", Path.Combine(dataDirectory, "enabled_plugins"))
            .WithEnvironment("RABBITMQ_MNESIA_BASE", Path.Combine(dataDirectory, "mnesia"))
            .WithEnvironment("RABBITMQ_LOG_BASE", Path.Combine(dataDirectory, "log"))
            .WithEnvironment("RABBITMQ_LOGS", "-")
            // The Erlang cookie lives in $HOME.
            .WithEnvironment("HOME", dataDirectory)
            .WithEndpoint(LocalRabbitMqResource.EndpointName, endpoint =>
            {
                endpoint.Port = ports.RabbitMq;
                endpoint.TargetPort = ports.RabbitMq;
                endpoint.UriScheme = "tcp";
                endpoint.IsProxied = false;
            })
            .WithHealthCheck(healthCheckKey)
            .WaitFor(epmd);
    }
}
