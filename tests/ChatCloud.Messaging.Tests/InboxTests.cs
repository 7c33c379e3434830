using ChatCloud.Testing;
using Npgsql;
using Xunit;

namespace ChatCloud.Messaging.Tests;

/// <summary>The inbox lets a handler's transaction claim an event once per consumer.</summary>
public sealed class InboxTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_second_mark_of_an_event_for_a_consumer_returns_false()
    {
        await using var dataSource = await MessagingTestHost.CreateDataSourceAsync(suite, Cancellation);
        await MessagingSchema.EnsureAsync(dataSource, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var eventId = Guid.CreateVersion7();

        var first = await MarkAsync(dataSource, "tests.inbox-a", eventId, commit: true);
        var second = await MarkAsync(dataSource, "tests.inbox-a", eventId, commit: true);
        var otherConsumer = await MarkAsync(dataSource, "tests.inbox-b", eventId, commit: true);

        Assert.True(first);
        Assert.False(second);
        Assert.True(otherConsumer);
    }

    [Fact]
    public async Task A_mark_that_rolled_back_does_not_count()
    {
        await using var dataSource = await MessagingTestHost.CreateDataSourceAsync(suite, Cancellation);
        await MessagingSchema.EnsureAsync(dataSource, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var eventId = Guid.CreateVersion7();

        var rolledBack = await MarkAsync(dataSource, "tests.inbox-a", eventId, commit: false);
        var retried = await MarkAsync(dataSource, "tests.inbox-a", eventId, commit: true);

        Assert.True(rolledBack);
        Assert.True(retried);
    }

    [Fact]
    public async Task Ensuring_the_schema_again_is_harmless()
    {
        await using var dataSource = await MessagingTestHost.CreateDataSourceAsync(suite, Cancellation);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => MessagingSchema.EnsureAsync(dataSource, Cancellation)))
            .WaitAsync(Deadlines.Request, Cancellation);
        await MessagingSchema.EnsureAsync(dataSource, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
    }

    private static async Task<bool> MarkAsync(NpgsqlDataSource dataSource, string consumer, Guid eventId, bool commit)
    {
        await using var connection = await dataSource.OpenConnectionAsync(Cancellation).AsTask().WaitAsync(Deadlines.Request, Cancellation);
        await using var transaction = await connection.BeginTransactionAsync(Cancellation).AsTask().WaitAsync(Deadlines.Request, Cancellation);
        var marked = await Inbox.TryMarkHandledAsync(connection, transaction, consumer, eventId, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        if (commit)
        {
            await transaction.CommitAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        }
        else
        {
            await transaction.RollbackAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        }
        return marked;
    }
}
