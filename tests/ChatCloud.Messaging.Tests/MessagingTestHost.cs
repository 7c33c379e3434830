using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using RabbitMQ.Client;

namespace ChatCloud.Messaging.Tests;

/// <summary>
/// A service-shaped host on the booted suite's PostgreSQL and RabbitMQ: the data source and the
/// connection a service gets from Aspire's client integrations, then <c>AddChatMessaging</c>.
/// </summary>
public sealed class MessagingTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private MessagingTestHost(IHost host, NpgsqlDataSource dataSource, IConnection connection)
    {
        _host = host;
        DataSource = dataSource;
        Connection = connection;
    }

    public NpgsqlDataSource DataSource { get; }
    public IConnection Connection { get; }
    public IServiceProvider Services => _host.Services;

    public static Task<MessagingTestHost> StartAsync(ChatCloudSuite suite, Action<IServiceCollection> configure, CancellationToken cancellationToken) =>
        StartAsync(suite, configure, _ => { }, cancellationToken);

    /// <param name="configureConnection">Changes the client's defaults, e.g. how it recovers a lost connection.</param>
    public static async Task<MessagingTestHost> StartAsync(
        ChatCloudSuite suite, Action<IServiceCollection> configure, Action<ConnectionFactory> configureConnection, CancellationToken cancellationToken)
    {
        var dataSource = await CreateDataSourceAsync(suite, cancellationToken);
        var messaging = await suite.App.GetConnectionStringAsync(ResourceNames.Messaging, cancellationToken)
            .AsTask().WaitAsync(Deadlines.Request, cancellationToken);
        var factory = new ConnectionFactory { Uri = new Uri(messaging!) };
        configureConnection(factory);
        var connection = await factory.CreateConnectionAsync(cancellationToken).WaitAsync(Deadlines.Request, cancellationToken);

        // No default logging or configuration: the handlers here fail on purpose.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddSingleton(connection);
        builder.Services.AddChatMessaging();
        configure(builder.Services);
        var host = builder.Build();
        await host.StartAsync(cancellationToken).WaitAsync(Deadlines.Request, cancellationToken);
        return new MessagingTestHost(host, dataSource, connection);
    }

    public static async Task<NpgsqlDataSource> CreateDataSourceAsync(ChatCloudSuite suite, CancellationToken cancellationToken)
    {
        var database = await suite.App.GetConnectionStringAsync(ResourceNames.Database, cancellationToken)
            .AsTask().WaitAsync(Deadlines.Request, cancellationToken);
        return NpgsqlDataSource.Create(database!);
    }

    /// <summary>Stops the host as a shutting-down service does; the connection stays open until disposed.</summary>
    public async Task StopAsync()
    {
        using var deadline = new CancellationTokenSource(Deadlines.Stop);
        await _host.StopAsync(deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        using (var deadline = new CancellationTokenSource(Deadlines.Stop))
        {
            await _host.StopAsync(deadline.Token);
        }
        _host.Dispose();
        await Connection.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
