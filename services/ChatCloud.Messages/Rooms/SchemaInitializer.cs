using ChatCloud.Messaging;
using Npgsql;

namespace ChatCloud.Messages.Rooms;

/// <summary>Creates the service's tables (and the bus's) before the service consumes or answers.</summary>
public sealed class SchemaInitializer(NpgsqlDataSource dataSource) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await MessagingSchema.EnsureAsync(dataSource, cancellationToken);
        await MessagesSchema.EnsureAsync(dataSource, cancellationToken);
        await Conversations.ConversationsSchema.EnsureAsync(dataSource, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
