using ChatCloud.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace ChatCloud.Messaging;

/// <summary>
/// Wires the bus into a service. It expects the service to have registered the servers itself,
/// with Aspire's <c>AddRabbitMQClient("messaging")</c> (an <see cref="IConnection"/>) and, for the
/// outbox and the inbox, <c>AddNpgsqlDataSource("chatdb")</c>.
/// </summary>
public static class MessagingRegistration
{
    /// <summary><see cref="IEventPublisher"/>, the outbox relay, and the <c>messaging</c> schema on start.</summary>
    public static IServiceCollection AddChatMessaging(this IServiceCollection services)
    {
        services.AddMessagingCore();
        services.TryAddSingleton<PublisherChannelPool>();
        services.TryAddSingleton<RabbitMqEventPublisher>();
        services.TryAddSingleton<IEventPublisher>(provider => provider.GetRequiredService<RabbitMqEventPublisher>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutboxRelay>());
        return services;
    }

    /// <summary>
    /// Consumes <typeparamref name="TEvent"/> from the durable queue <paramref name="queueName"/>
    /// (dead letters in <c>&lt;queueName&gt;.dead</c>) with <typeparamref name="THandler"/>, resolved
    /// per delivery from a new scope. Name the queue after the service and what it does with the
    /// event, e.g. <c>history.message-stored</c>: replicas of the service share it, other services
    /// get their own copy through their own queue.
    /// </summary>
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services, string queueName)
        where TEvent : IntegrationEvent
        where THandler : class, IEventHandler<TEvent>
    {
        ValidateQueueName(queueName);
        // Fails at registration, not at the first delivery, when the event has no valid name.
        var eventName = EventNames.Of<TEvent>();
        // One queue binds one event: two registrations on a queue would each receive the other's messages.
        if (services.Any(descriptor => descriptor.ServiceType == typeof(ConsumerQueue)
            && descriptor.ImplementationInstance is ConsumerQueue { Name: var name } && name == queueName))
        {
            throw new InvalidOperationException($"The queue '{queueName}' already has a handler; give each handler its own queue.");
        }
        services.AddSingleton(new ConsumerQueue(queueName, eventName));

        services.AddMessagingCore();
        services.TryAddScoped<THandler>();
        services.AddSingleton<IHostedService>(provider => ActivatorUtilities.CreateInstance<EventConsumer<TEvent, THandler>>(provider, queueName));
        return services;
    }

    private static void AddMessagingCore(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MessagingMetrics>();
        services.TryAddSingleton<MessagingSchemaGate>();
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>());
    }

    private static void ValidateQueueName(string queueName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        // AMQP names are short strings (255 bytes), and the dead-letter queue adds ".dead".
        if (queueName.Length > 200 || queueName.StartsWith("amq.", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{queueName}' is not a usable queue name: at most 200 characters, not starting with 'amq.'.", nameof(queueName));
        }
    }

    private sealed record ConsumerQueue(string Name, string EventName);
}
