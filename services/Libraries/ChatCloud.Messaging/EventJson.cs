using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatCloud.Contracts;

namespace ChatCloud.Messaging;

/// <summary>
/// The wire format: System.Text.Json with web defaults (camelCase), strict on the way in. A message
/// that lacks a constructor argument, sets a non-nullable member to null, or lacks the envelope's
/// <c>id</c>/<c>occurredAt</c> fails to deserialise and is dead-lettered, instead of reaching a
/// handler half-filled (a missing id would otherwise become a fresh one and defeat deduplication).
/// Adding a member to an event therefore means a default value or a new version.
/// </summary>
internal static class EventJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static byte[] Serialize(IntegrationEvent @event) =>
        JsonSerializer.SerializeToUtf8Bytes(@event, @event.GetType(), Options);

    /// <exception cref="JsonException">The body is not a complete <typeparamref name="TEvent"/>.</exception>
    public static TEvent Deserialize<TEvent>(ReadOnlySpan<byte> body) where TEvent : IntegrationEvent =>
        JsonSerializer.Deserialize<TEvent>(body, Options) ?? throw new JsonException("The message body is JSON null.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RequireEnvelope } },
        };
        options.MakeReadOnly();
        return options;
    }

    private static void RequireEnvelope(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || !typeof(IntegrationEvent).IsAssignableFrom(typeInfo.Type))
        {
            return;
        }
        foreach (var property in typeInfo.Properties)
        {
            if (property.AttributeProvider is PropertyInfo { DeclaringType: var declaring } && declaring == typeof(IntegrationEvent))
            {
                property.IsRequired = true;
            }
        }
    }
}
