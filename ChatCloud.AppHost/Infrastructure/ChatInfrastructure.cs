using Aspire.Hosting.ApplicationModel;
using ChatCloud.AppHost.Infrastructure.Local;
using Microsoft.Extensions.Configuration;

namespace ChatCloud.AppHost.Infrastructure;

/// <summary>
/// The servers every service depends on, under the same resource and connection-string names in both
/// modes, so no service can tell containers from local processes.
/// </summary>
public sealed record ChatInfrastructure(
    InfrastructureMode Mode,
    IResourceBuilder<IResourceWithConnectionString> Database,
    IResourceBuilder<IResourceWithConnectionString> Cache,
    IResourceBuilder<IResourceWithConnectionString> Messaging,
    IResourceBuilder<ContainerResource>? Keycloak = null);

public static class ChatInfrastructureBuilderExtensions
{
    public static ChatInfrastructure AddChatInfrastructure(this IDistributedApplicationBuilder builder, ChatCloudHostSettings settings)
    {
        var mode = ResolveMode(builder, settings);

        // One explicit set of parameters for both modes: generated passwords that differ between runs
        // would lock the services out of data kept from an earlier run.
        var postgresPassword = builder.AddGeneratedSecret(settings, "postgres-password");
        var redisPassword = builder.AddGeneratedSecret(settings, "redis-password");
        var rabbitUser = builder.AddParameter("rabbitmq-user", "chatcloud");
        var rabbitPassword = builder.AddGeneratedSecret(settings, "rabbitmq-password");

        if (mode == InfrastructureMode.Containers)
        {
            var postgres = builder.AddPostgres(ResourceNames.Postgres, password: postgresPassword)
                .WithDataVolume("chatcloud-postgres");
            var cache = builder.AddRedis(ResourceNames.Cache, password: redisPassword)
                .WithDataVolume("chatcloud-redis")
                .WithPersistence();
            var messaging = builder.AddRabbitMQ(ResourceNames.Messaging, rabbitUser, rabbitPassword)
                .WithDataVolume("chatcloud-rabbitmq")
                .WithManagementPlugin();
            var keycloak = builder.AddKeycloak(builder.AddGeneratedSecret(settings, "keycloak-admin-password"));
            return new ChatInfrastructure(mode,
                AsConnectionString(builder, postgres.AddDatabase(ResourceNames.Database)),
                AsConnectionString(builder, cache),
                AsConnectionString(builder, messaging),
                keycloak);
        }

        var state = settings.EnsureStateDirectory();
        var localPostgres = builder.AddLocalPostgres(ResourceNames.Postgres, postgresPassword, state, settings.Ports.Postgres);
        var localDatabase = localPostgres.AddDatabase(ResourceNames.Database);
        var localCache = builder.AddLocalRedis(ResourceNames.Cache, redisPassword, state, settings.Ports.Redis);
        var localMessaging = builder.AddLocalRabbitMq(ResourceNames.Messaging, rabbitUser, rabbitPassword, state, settings.Ports);
        return new ChatInfrastructure(mode,
            AsConnectionString(builder, localDatabase),
            AsConnectionString(builder, localCache),
            AsConnectionString(builder, localMessaging));
    }

    /// <summary>
    /// Keycloak, the OpenID Connect provider option beside the built-in auth service. No Keycloak
    /// integration package is served here, so it is a plain container; it exists in container mode only
    /// (Debian does not package Keycloak). It imports the realm <c>chatcloud</c> from
    /// <c>Keycloak/chatcloud-realm.json</c> at start (an existing realm is left as it is); the service
    /// clients' secrets come into that file from the environment (<c>${CHATCLOUD_…_CLIENT_SECRET}</c>).
    /// </summary>
    private static IResourceBuilder<ContainerResource> AddKeycloak(this IDistributedApplicationBuilder builder, IResourceBuilder<ParameterResource> adminPassword) =>
        builder.AddContainer(ResourceNames.Keycloak, "quay.io/keycloak/keycloak", "26.4")
            .WithArgs("start-dev", "--import-realm")
            .WithBindMount(Path.Combine(builder.AppHostDirectory, "Keycloak"), "/opt/keycloak/data/import", isReadOnly: true)
            .WithEnvironment("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
            .WithEnvironment("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword)
            .WithEnvironment("KC_HEALTH_ENABLED", "true")
            .WithVolume("chatcloud-keycloak", "/opt/keycloak/data")
            .WithHttpEndpoint(targetPort: 8080, name: "http");

    private static InfrastructureMode ResolveMode(IDistributedApplicationBuilder builder, ChatCloudHostSettings settings)
    {
        // Deployment artefacts always describe containers; only a local run can use the Debian servers.
        if (builder.ExecutionContext.IsPublishMode)
        {
            return InfrastructureMode.Containers;
        }
        return settings.Infrastructure switch
        {
            InfrastructureMode.Auto => DockerProbe.EngineAnswers(TimeSpan.FromSeconds(5)) ? InfrastructureMode.Containers : InfrastructureMode.Local,
            var forced => forced,
        };
    }

    private static IResourceBuilder<IResourceWithConnectionString> AsConnectionString<T>(IDistributedApplicationBuilder builder, IResourceBuilder<T> resource)
        where T : IResourceWithConnectionString =>
        builder.CreateResourceBuilder<IResourceWithConnectionString>(resource.Resource);
}
