namespace ChatCloud.Messaging;

/// <summary>
/// The queue a consumer declares and reads; the only difference between the two kinds of handler.
/// </summary>
/// <param name="Name">The queue in the broker.</param>
/// <param name="Subscriber">
/// Who subscribes, stable across restarts: the shared queue's own name, or the broadcast subscriber
/// name. Names the dead-letter queue and tags the metrics, which would otherwise grow a series for
/// every process that ever ran.
/// </param>
/// <param name="Broadcast">
/// False: durable, shared by the replicas of a service, so each event is handled once per service.
/// True: one process's own queue, exclusive to its connection and auto-deleted, so every instance
/// gets every event and a stopped one leaves nothing behind.
/// </param>
internal sealed record ConsumerQueue(string Name, string Subscriber, bool Broadcast)
{
    /// <summary>
    /// How long a batch handler waits, once its first delivery came, for more to join the batch
    /// (zero: none; see <see cref="MessagingRegistration.AddEventHandler{TEvent, THandler}"/>).
    /// </summary>
    public TimeSpan Gather { get; init; }

    public static ConsumerQueue Shared(string name) => new(name, name, Broadcast: false);

    public static ConsumerQueue PerInstance(string subscriber, MessagingInstance instance) =>
        new(MessagingTopology.BroadcastQueueOf(subscriber, instance), subscriber, Broadcast: true);
}
