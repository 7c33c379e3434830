using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Npgsql;
using RabbitMQ.Client;
using StackExchange.Redis;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>Data written before a stop is there after the next start: the local servers keep it in the state folder.</summary>
public sealed class RestartTests : IAsyncLifetime
{
    private const string QueueName = "restart-probe";
    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("chatcloud-restart-").FullName;
    private ChatCloudSuite? _suite;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostgreSQL_Redis_and_RabbitMQ_keep_their_data_across_a_restart()
    {
        _suite = ChatCloudSuite.OnStateDirectory(_stateDirectory);
        await _suite.StartAsync();
        await WriteAsync(_suite.App);
        await _suite.StopAsync();

        await _suite.StartAsync();
        var (row, value, message) = await ReadAsync(_suite.App);

        Assert.Equal("kept", row);
        Assert.Equal("kept", value);
        Assert.Equal("kept", message);
    }

    private static async Task WriteAsync(DistributedApplication app)
    {
        await using var dataSource = NpgsqlDataSource.Create((await app.GetConnectionStringAsync(ResourceNames.Database, Cancellation))!);
        await dataSource.CreateCommand("CREATE TABLE restart_probe (note text)").ExecuteNonQueryAsync(Cancellation);
        await dataSource.CreateCommand("INSERT INTO restart_probe VALUES ('kept')").ExecuteNonQueryAsync(Cancellation);

        await using var redis = await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync(ResourceNames.Cache, Cancellation)) + ",allowAdmin=true");
        await redis.GetDatabase().StringSetAsync("restart-probe", "kept");
        // Redis appends to its log every second; SAVE makes the write durable before the stop.
        await redis.GetDatabase().ExecuteAsync("SAVE");

        await using var connection = await RabbitConnectAsync(app);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), Cancellation);
        await channel.QueueDeclareAsync(QueueName, durable: true, exclusive: false, autoDelete: false, cancellationToken: Cancellation);
        await channel.BasicPublishAsync("", QueueName, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("kept"), Cancellation);
    }

    private static async Task<(string? Row, string? Value, string? Message)> ReadAsync(DistributedApplication app)
    {
        await using var dataSource = NpgsqlDataSource.Create((await app.GetConnectionStringAsync(ResourceNames.Database, Cancellation))!);
        var row = (string?)await dataSource.CreateCommand("SELECT note FROM restart_probe").ExecuteScalarAsync(Cancellation);

        await using var redis = await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync(ResourceNames.Cache, Cancellation)) + ",allowAdmin=true");
        var value = (string?)await redis.GetDatabase().StringGetAsync("restart-probe");

        await using var connection = await RabbitConnectAsync(app);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancellation);
        var message = await channel.BasicGetAsync(QueueName, autoAck: true, Cancellation);

        return (row, value, message is null ? null : Encoding.UTF8.GetString(message.Body.Span));
    }

    private static async Task<IConnection> RabbitConnectAsync(DistributedApplication app)
    {
        var factory = new ConnectionFactory { Uri = new Uri((await app.GetConnectionStringAsync(ResourceNames.Messaging, Cancellation))!) };
        return await factory.CreateConnectionAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_suite is not null)
        {
            await _suite.DisposeAsync();
        }
        Directory.Delete(_stateDirectory, recursive: true);
    }
}
