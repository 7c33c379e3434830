namespace ChatCloud.Contracts;

/// <summary>
/// The wire name of an integration event, e.g. <c>auth.account-created.v1</c>: it is the AMQP
/// <c>type</c> and the routing key, so it must never change once published. A breaking change to
/// an event's shape is a new record with the next version, published beside the old one until
/// every consumer has moved. Not inherited: a subclass must not silently reuse a name.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
