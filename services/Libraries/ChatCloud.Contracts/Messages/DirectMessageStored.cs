namespace ChatCloud.Contracts.Messages;

/// <summary>
/// A direct message was stored in the conversation <see cref="Conversation"/> (a key of
/// <see cref="DirectConversation"/>) at <see cref="Sequence"/>, the conversation's own order.
/// <see cref="Recipient"/> is the nick it was sent to, which is the target of its IRC line
/// (<c>:alice!u@h PRIVMSG bob :hi</c>) live and in history. The other members are as in
/// <see cref="MessageStored"/>. Every edge hears it and hands it to whichever of the two parties it holds.
/// A <see cref="Kind"/> of <c>REDACT</c> takes back the message <see cref="RedactedMessageId"/>
/// (IRCv3 draft/message-redaction), <see cref="Text"/> being the reason.
/// </summary>
[EventName("messages.direct-message-stored.v1")]
public sealed record DirectMessageStored(
    string MessageId,
    Guid PostId,
    string Conversation,
    string Recipient,
    Guid? AuthorAccountId,
    string AuthorNick,
    string AuthorUser,
    string AuthorHost,
    string Kind,
    string Text,
    IReadOnlyDictionary<string, string>? ClientTags,
    DateTimeOffset ServerTime,
    long Sequence,
    string? AuthorAccount = null,
    string? RedactedMessageId = null) : IntegrationEvent;
