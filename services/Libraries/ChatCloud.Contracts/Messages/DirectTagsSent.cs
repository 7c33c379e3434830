namespace ChatCloud.Contracts.Messages;

/// <summary>
/// A client sent <c>TAGMSG</c> to a nick: client-only tags without text (a typing notice in a
/// private conversation, a reaction to a direct message), relayed by whichever edge holds
/// <see cref="Recipient"/>. Like <see cref="TagsSent"/> it is neither stored nor sent through an
/// outbox. <see cref="ClientTags"/> keep their <c>+</c>.
/// </summary>
[EventName("messages.direct-tags-sent.v1")]
public sealed record DirectTagsSent(
    string Recipient,
    string AuthorNick,
    string AuthorUser,
    string AuthorHost,
    IReadOnlyDictionary<string, string> ClientTags) : IntegrationEvent;
