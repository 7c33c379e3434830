using ChatCloud.Contracts;
using ChatCloud.Contracts.Rooms;

namespace ChatCloud.Messaging;

/// <summary>
/// Routing keys and bindings on the topic exchange. An event's routing key is its name, and for an
/// event about one room (<see cref="IRoomScoped"/>) its name and the room's topic:
/// <c>messages.message-stored.v1.3f2a…</c>. A consumer of every such event binds the name and
/// <c>name.*</c>; an edge that wants only its users' rooms binds <c>name.&lt;topic&gt;</c> per room
/// (<see cref="RoomSubscriptions"/>) and the bare name, which carries the room events addressed to
/// every edge (<see cref="IRoomScoped.ForEveryEdge"/>).
/// </summary>
public static class EventRouting
{
    public static string KeyOf(IntegrationEvent @event, string eventName)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return @event is IRoomScoped { ForEveryEdge: false } scoped ? KeyOf(eventName, RoomTopics.Of(scoped.Room)) : eventName;
    }

    /// <summary>The key of <paramref name="eventName"/> about the room whose topic is <paramref name="topic"/>.</summary>
    public static string KeyOf(string eventName, string topic) => $"{eventName}.{topic}";

    /// <summary>What a consumer of every <paramref name="eventName"/> binds: the bare name, and the name with any one topic.</summary>
    internal static IReadOnlyList<string> AllOf(string eventName) => [eventName, eventName + ".*"];
}
