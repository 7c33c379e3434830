using Aspire.Hosting;
using Aspire.Hosting.Testing;
using System.Text;
using ChatCloud.Testing;
using Npgsql;
using RabbitMQ.Client;
using StackExchange.Redis;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// Without Docker, the servers are Debian's own binaries run by the AppHost: each test talks to one
/// with the client library the services use, through the connection string the services receive.
/// </summary>
public sealed class LocalServersTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostgreSQL_is_the_Debian_server_and_chatdb_takes_writes()
    {
        var connectionString = await suite.App.GetConnectionStringAsync(ResourceNames.Database, Cancellation);
        await using var dataSource = NpgsqlDataSource.Create(connectionString!);

        var version = (string?)await dataSource.CreateCommand("SELECT version()").ExecuteScalarAsync(Cancellation)
            .WaitAsync(Deadlines.Request, Cancellation);
        await dataSource.CreateCommand("CREATE TABLE IF NOT EXISTS probe (id int PRIMARY KEY, note text)").ExecuteNonQueryAsync(Cancellation);
        await dataSource.CreateCommand("INSERT INTO probe VALUES (1, 'written') ON CONFLICT (id) DO UPDATE SET note = excluded.note").ExecuteNonQueryAsync(Cancellation);
        var note = await dataSource.CreateCommand("SELECT note FROM probe WHERE id = 1").ExecuteScalarAsync(Cancellation);
        var database = await dataSource.CreateCommand("SELECT current_database()").ExecuteScalarAsync(Cancellation);

        Assert.Contains("Debian", version, StringComparison.Ordinal);
        Assert.Equal("written", note);
        Assert.Equal(ResourceNames.Database, database);
        Assert.True(File.Exists(Path.Combine(suite.StateDirectory, "postgres", "PG_VERSION")), "the cluster lives in the state folder");
    }

    [Fact]
    public async Task Redis_is_the_Debian_server_and_keeps_a_value()
    {
        var connectionString = await suite.App.GetConnectionStringAsync(ResourceNames.Cache, Cancellation);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString + ",allowAdmin=true").WaitAsync(Deadlines.Request, Cancellation);
        var database = redis.GetDatabase();

        await database.StringSetAsync("probe", "value");
        var value = await database.StringGetAsync("probe");
        var info = await redis.GetServer(redis.GetEndPoints()[0]).InfoAsync("server");
        var executable = info.SelectMany(group => group).Single(pair => pair.Key == "executable").Value;

        Assert.Equal("value", value.ToString());
        Assert.Equal("/usr/bin/redis-server", executable);
    }

    [Fact]
    public async Task RabbitMQ_is_the_Debian_broker_and_delivers_a_published_message()
    {
        var connectionString = await suite.App.GetConnectionStringAsync(ResourceNames.Messaging, Cancellation);
        var factory = new ConnectionFactory { Uri = new Uri(connectionString!) };
        await using var connection = await factory.CreateConnectionAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancellation);
        var queue = await channel.QueueDeclareAsync(exclusive: true, cancellationToken: Cancellation);

        await channel.BasicPublishAsync("", queue.QueueName, Encoding.UTF8.GetBytes("hello"), Cancellation);
        BasicGetResult? received = null;
        for (var attempt = 0; attempt < 50 && received is null; attempt++)
        {
            received = await channel.BasicGetAsync(queue.QueueName, autoAck: true, Cancellation);
            if (received is null)
            {
                await Task.Delay(100, Cancellation);
            }
        }

        Assert.NotNull(received);
        Assert.Equal("hello", Encoding.UTF8.GetString(received.Body.Span));
        var product = Encoding.UTF8.GetString((byte[])connection.ServerProperties!["product"]!);
        Assert.Equal("RabbitMQ", product);
        Assert.True(Directory.Exists(Path.Combine(suite.StateDirectory, "rabbitmq", "mnesia")), "the broker's data lives in the state folder");
    }
}
