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
        services.AddChatMessagingPublisher();
        services.TryAddSingleton<OrderedPublisher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutboxRelay>());
        return services;
    }

    /// <summary>
    /// <see cref="IEventPublisher"/> alone, for a service without a database (the TCP edge): it
    /// publishes directly with broker confirms and has no outbox to relay.
    /// </summary>
    public static IServiceCollection AddChatMessagingPublisher(this IServiceCollection services)
    {
        services.AddMessagingCore();
        services.TryAddSingleton<PublisherChannelPool>();
        services.TryAddSingleton<RabbitMqEventPublisher>();
        services.TryAddSingleton<IEventPublisher>(provider => provider.GetRequiredService<RabbitMqEventPublisher>());
        services.TryAddSingleton(provider => new BestEffortPublisher(provider.GetRequiredService<IEventPublisher>(),
            provider.GetRequiredService<MessagingMetrics>(), provider.GetRequiredService<ILogger<BestEffortPublisher>>()));
        return services;
    }

    /// <summary>
    /// Consumes <typeparamref name="TEvent"/> from the durable queue <paramref name="queueName"/>
    /// (dead letters in <c>&lt;queueName&gt;.dead</c>) with <typeparamref name="THandler"/>, resolved
    /// per delivery from a new scope. Name the queue after the service and what it does with the
    /// event, e.g. <c>history.message-stored</c>: replicas of the service share it, other services
    /// get their own copy through their own queue.
    /// <para>
    /// <paramref name="gather"/>, for a batch handler whose work need not be prompt (aggregates,
    /// features): once a delivery came, wait up to this long for more before handling the batch, which
    /// ends sooner when it is full or holds the whole prefetch. Under a steady stream the handler then
    /// runs a few times a second with large batches, instead of once per small batch, each with its
    /// own transaction, round trips and acknowledgement, taking the CPU the delivery path needs.
    /// </para>
    /// </summary>
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services, string queueName, TimeSpan gather = default)
        where TEvent : IntegrationEvent
        where THandler : class, IEventHandler<TEvent>
    {
        ValidateName(queueName, nameof(queueName));
        if (gather < TimeSpan.Zero || gather > MaxGather)
        {
            throw new ArgumentOutOfRangeException(nameof(gather), gather, $"Gathering takes 0 to {MaxGather.TotalSeconds} s.");
        }
        if (gather > TimeSpan.Zero && !typeof(IBatchEventHandler<TEvent>).IsAssignableFrom(typeof(THandler)))
        {
            throw new ArgumentException($"{typeof(THandler).Name} handles one event at a time: only a batch handler gathers.", nameof(gather));
        }
        return services.AddConsumer<TEvent, THandler>(queueName, _ => ConsumerQueue.Shared(queueName) with { Gather = gather });
    }

    private static readonly TimeSpan MaxGather = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Hands every <typeparamref name="TEvent"/> to <typeparamref name="THandler"/> in every running
    /// instance of the service, for edges that deliver events to the users connected to them; e.g.
    /// <c>tcpedge.message-stored</c>. Each instance reads its own queue
    /// <c>&lt;subscriberName&gt;.&lt;instance id&gt;</c> (<see cref="MessagingTopology.BroadcastQueueOf"/>,
    /// <see cref="MessagingInstance"/>): not durable, exclusive to the instance's connection and
    /// auto-deleted, so it is gone when the instance stops or loses its connection, with
    /// <c>x-expires</c> as a safety net; after a reconnect it is declared again.
    /// <para>
    /// Events published while an instance is down or reconnecting are not its concern and never
    /// reach it: its users' clients catch up from history. Handlers are resolved per delivery from a
    /// new scope and retried like any other; one that keeps failing is dead-lettered to the durable
    /// <c>&lt;subscriberName&gt;.dead</c>, which all instances share.
    /// </para>
    /// </summary>
    public static IServiceCollection AddBroadcastHandler<TEvent, THandler>(this IServiceCollection services, string subscriberName)
        where TEvent : IntegrationEvent
        where THandler : class, IEventHandler<TEvent>
    {
        ValidateName(subscriberName, nameof(subscriberName));
        return services.AddConsumer<TEvent, THandler>(
            subscriberName, provider => ConsumerQueue.PerInstance(subscriberName, provider.GetRequiredService<MessagingInstance>()));
    }

    private static IServiceCollection AddConsumer<TEvent, THandler>(
        this IServiceCollection services, string subscriber, Func<IServiceProvider, ConsumerQueue> queue)
        where TEvent : IntegrationEvent
        where THandler : class, IEventHandler<TEvent>
    {
        // Fails at registration, not at the first delivery, when the event has no valid name.
        var eventName = EventNames.Of<TEvent>();
        // One queue binds one event: two registrations on a queue would each receive the other's
        // messages. A subscriber also names a dead-letter queue, which two would share.
        if (services.Any(descriptor => descriptor.ServiceType == typeof(Subscription)
            && descriptor.ImplementationInstance is Subscription { Name: var name } && name == subscriber))
        {
            throw new InvalidOperationException($"'{subscriber}' already has a handler; give each handler its own queue or subscriber name.");
        }
        services.AddSingleton(new Subscription(subscriber, eventName));

        services.AddMessagingCore();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DeadLetterMonitor>());
        services.TryAddScoped<THandler>();
        services.AddSingleton<IHostedService>(provider => ActivatorUtilities.CreateInstance<EventConsumer<TEvent, THandler>>(provider, queue(provider)));
        return services;
    }

    private static void AddMessagingCore(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => MessagingInstance.Create());
        services.TryAddSingleton<MessagingMetrics>();
        // A factory, so a service without a database (the edge) still builds: the gate needs an
        // NpgsqlDataSource and is only resolved where one is registered.
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<MessagingSchemaGate>(provider));
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>());
    }

    private static void ValidateName(string name, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, parameterName);
        // AMQP names are short strings (255 bytes); ".dead" or a broadcast instance's id is appended.
        if (name.Length > 200 || name.StartsWith("amq.", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a usable queue name: at most 200 characters, not starting with 'amq.'.", parameterName);
        }
    }

    /// <summary>A registered shared queue or broadcast subscriber: refuses a second handler on it, and names the dead letters to watch.</summary>
    internal sealed record Subscription(string Name, string EventName);
}
