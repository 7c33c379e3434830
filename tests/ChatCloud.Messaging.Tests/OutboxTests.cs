using System.Diagnostics;
using ChatCloud.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace ChatCloud.Messaging.Tests;

/// <summary>An outboxed event is published exactly when the transaction that wrote it commits.</summary>
public sealed class OutboxTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_committed_event_is_delivered_and_a_rolled_back_one_never_is()
    {
        var queue = Broker.UniqueQueue("outboxed");
        await using var host = await MessagingTestHost.StartAsync(suite, services => services
            .AddSingleton<Deliveries<ProbeOutboxed>>()
            .AddEventHandler<ProbeOutboxed, RecordingHandler<ProbeOutboxed>>(queue), Cancellation);
        await Broker.WaitForConsumerAsync(host.Connection, queue, Cancellation);
        await MessagingSchema.EnsureAsync(host.DataSource, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var rolledBack = new ProbeOutboxed("rolled back");
        var committed = new ProbeOutboxed("committed");

        await WriteAsync(host.DataSource, rolledBack, commit: false);
        using (var caller = new Activity("test request").Start())
        {
            await WriteAsync(host.DataSource, committed, commit: true);
            var deliveries = host.Services.GetRequiredService<Deliveries<ProbeOutboxed>>();
            var (received, context) = await deliveries.WaitForAsync(committed.Id, Cancellation);

            Assert.Equal(committed, received);
            Assert.Equal(caller.TraceId, context.Parent.TraceId);
        }
        await WaitUntilPublishedAsync(host.DataSource, committed.Id);
        // The rolled-back row was written first; the relay is oldest first, so it had its chance.
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);

        Assert.False(host.Services.GetRequiredService<Deliveries<ProbeOutboxed>>().Received(rolledBack.Id));
        Assert.Equal(0L, await CountRowsAsync(host.DataSource, rolledBack.Id));
    }

    private static async Task WriteAsync(NpgsqlDataSource dataSource, ProbeOutboxed @event, bool commit)
    {
        await using var connection = await dataSource.OpenConnectionAsync(Cancellation).AsTask().WaitAsync(Deadlines.Request, Cancellation);
        await using var transaction = await connection.BeginTransactionAsync(Cancellation).AsTask().WaitAsync(Deadlines.Request, Cancellation);
        await OutboxWriter.AddAsync(connection, transaction, @event, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        if (commit)
        {
            await transaction.CommitAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        }
        else
        {
            await transaction.RollbackAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        }
    }

    /// <summary>The relay deletes a row once the broker confirmed it.</summary>
    private static async Task WaitUntilPublishedAsync(NpgsqlDataSource dataSource, Guid id)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(Deadlines.Request);
        while (await CountRowsAsync(dataSource, id) > 0)
        {
            await Task.Delay(100, deadline.Token);
        }
    }

    private static async Task<long> CountRowsAsync(NpgsqlDataSource dataSource, Guid id)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM messaging.outbox WHERE id = $1");
        command.Parameters.Add(new() { Value = id });
        return (long)(await command.ExecuteScalarAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation))!;
    }
}
