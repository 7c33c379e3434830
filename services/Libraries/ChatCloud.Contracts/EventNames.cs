using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;

namespace ChatCloud.Contracts;

/// <summary>Reads the <see cref="EventNameAttribute"/> of an event type, once per type.</summary>
public static partial class EventNames
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    public static string Of<TEvent>() where TEvent : IntegrationEvent => Of(typeof(TEvent));

    /// <exception cref="InvalidOperationException">The type has no valid <see cref="EventNameAttribute"/>.</exception>
    public static string Of(Type eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        if (!typeof(IntegrationEvent).IsAssignableFrom(eventType))
        {
            throw new ArgumentException($"{eventType.FullName} is not an {nameof(IntegrationEvent)}.", nameof(eventType));
        }
        return Names.GetOrAdd(eventType, Read);
    }

    private static string Read(Type eventType)
    {
        var attribute = eventType.GetCustomAttribute<EventNameAttribute>(inherit: false)
            ?? throw new InvalidOperationException(
                $"{eventType.FullName} has no [EventName(\"area.event-name.v1\")]; every integration event declares its versioned wire name.");
        if (!WireName().IsMatch(attribute.Name))
        {
            throw new InvalidOperationException(
                $"{eventType.FullName} has the event name '{attribute.Name}', which is not of the form 'area.event-name.v1' (lower case, dot-separated, ending in a version).");
        }
        return attribute.Name;
    }

    // Dot-separated words because the name is a topic routing key; '*' and '#' would be wildcards there.
    [GeneratedRegex(@"^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+\.v[1-9][0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex WireName();
}
