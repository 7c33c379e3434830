namespace ChatCloud.Contracts.Messages;

/// <summary>
/// A channel message was stored. <see cref="MessageId"/> is the IRC <c>msgid</c> tag and
/// <see cref="Sequence"/> its position in the room, so consumers can restore the order the bus
/// does not keep. <see cref="AuthorAccountId"/> is null for an unregistered nick.
/// <see cref="Kind"/> is <c>"PRIVMSG"</c>, <c>"NOTICE"</c> or <c>"ACTION"</c>.
/// </summary>
[EventName("messages.message-stored.v1")]
public sealed record MessageStored(
    string MessageId,
    string Room,
    Guid? AuthorAccountId,
    string AuthorNick,
    string Kind,
    string Text,
    DateTimeOffset ServerTime,
    long Sequence) : IntegrationEvent;
