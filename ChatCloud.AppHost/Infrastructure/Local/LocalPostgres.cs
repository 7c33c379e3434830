using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChatCloud.AppHost.Infrastructure.Local;

/// <summary>The Debian-packaged PostgreSQL server, run by the orchestrator as a local process.</summary>
public sealed class LocalPostgresServerResource(string name, string command, string dataDirectory, ParameterResource password)
    : ExecutableResource(name, command, dataDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public const string SuperUser = "postgres";

    public string DataDirectory { get; } = dataDirectory;
    public ParameterResource Password { get; } = password;
    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.IPV4Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username={SuperUser};Password={Password}");
}

/// <summary>A database on <see cref="LocalPostgresServerResource"/>; its state follows the server's, as with containers.</summary>
public sealed class LocalPostgresDatabaseResource(string name, LocalPostgresServerResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresServerResource>, IResourceWithConnectionString
{
    public LocalPostgresServerResource Parent { get; } = parent;
    public string DatabaseName => Name;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}

public static class LocalPostgresBuilderExtensions
{
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, IResourceBuilder<ParameterResource> password, string stateDirectory, int port)
    {
        var binDirectory = Path.GetDirectoryName(LocalCommand.Find("postgresql", PostgresBinaries("postgres")))!;
        var dataDirectory = Path.Combine(stateDirectory, "postgres");
        var (command, args) = LocalCommand.AsServiceUser("postgres", Path.Combine(binDirectory, "postgres"),
        [
            "-D", dataDirectory,
            "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            // The socket goes in the data directory: /var/run/postgresql may belong to a system cluster.
            "-c", $"unix_socket_directories={dataDirectory}",
            "-c", "max_connections=300",
        ]);
        var server = new LocalPostgresServerResource(name, command, dataDirectory, password.Resource);

        builder.Eventing.Subscribe<BeforeStartEvent>(async (_, cancellationToken) =>
            await InitializeClusterAsync(binDirectory, dataDirectory, await password.Resource.GetValueAsync(cancellationToken) ?? "", cancellationToken));

        var healthCheckKey = $"{name}_check";
        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(server, async (_, cancellationToken) =>
            connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken));
        builder.Services.AddHealthChecks().AddNpgSql(
            _ => (connectionString ?? throw new InvalidOperationException("Connection string is unavailable")) + ";Database=postgres",
            name: healthCheckKey);

        return builder.AddResource(server)
            .WithArgs([.. args])
            .WithEndpoint(LocalPostgresServerResource.EndpointName, endpoint =>
            {
                endpoint.Port = port;
                endpoint.TargetPort = port;
                endpoint.UriScheme = "tcp";
                endpoint.IsProxied = false;
            })
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>Adds a database that is created, if missing, once the server answers.</summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(this IResourceBuilder<LocalPostgresServerResource> server, string name)
    {
        var database = new LocalPostgresDatabaseResource(name, server.Resource);
        var builder = server.ApplicationBuilder;

        // Unlike a container database, nothing in the orchestrator moves this resource's state: it
        // becomes Running once it exists, and from then on its health check decides readiness.
        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, async (@event, cancellationToken) =>
        {
            var serverConnectionString = await server.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
            await using var connection = new NpgsqlConnection(serverConnectionString + ";Database=postgres");
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.AddWithValue(database.DatabaseName);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                // Identifiers cannot be parameters; the name is ours (ResourceNames), quoted anyway.
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            await @event.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database, snapshot => snapshot with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            });
        });

        var healthCheckKey = $"{name}_check";
        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(database, async (_, cancellationToken) =>
            connectionString = await database.ConnectionStringExpression.GetValueAsync(cancellationToken));
        builder.Services.AddHealthChecks().AddNpgSql(
            _ => connectionString ?? throw new InvalidOperationException("Connection string is unavailable"),
            name: healthCheckKey);

        return builder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [],
            })
            .WithHealthCheck(healthCheckKey);
    }

    private static string[] PostgresBinaries(string binary) =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var version) ? version : 0)
                .Select(d => Path.Combine(d, "bin", binary))
                .ToArray()
            : ["/usr/lib/postgresql/15/bin/" + binary];

    /// <summary>initdb once; the data directory belongs to the user the server runs as.</summary>
    private static async Task InitializeClusterAsync(string binDirectory, string dataDirectory, string password, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return;
        }
        Directory.CreateDirectory(dataDirectory);
        File.SetUnixFileMode(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (LocalCommand.IsRoot)
        {
            await LocalCommand.RunAsync("chown", ["postgres:postgres", dataDirectory], null, cancellationToken);
        }
        // initdb reads the password from a file the server user can open (not a pipe: as root the
        // pipe belongs to root). It lives beside the cluster for the moment initdb runs.
        var passwordFile = dataDirectory + ".pwfile";
        await File.WriteAllTextAsync(passwordFile, password + "\n", cancellationToken);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            if (LocalCommand.IsRoot)
            {
                await LocalCommand.RunAsync("chown", ["postgres:postgres", passwordFile], null, cancellationToken);
            }
            var (command, args) = LocalCommand.AsServiceUser("postgres", Path.Combine(binDirectory, "initdb"),
            [
                "-D", dataDirectory,
                "--username", LocalPostgresServerResource.SuperUser,
                $"--pwfile={passwordFile}",
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ]);
            await LocalCommand.RunAsync(command, args, null, cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }
}
