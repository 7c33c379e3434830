namespace ChatCloud.Contracts.Messages;

/// <summary>
/// A client sent <c>TAGMSG</c> to a room: client-only tags without text (<c>+typing</c>,
/// <c>+draft/react</c>, <c>+draft/reply</c>) that every edge relays to the room's members with
/// message-tags. Not stored and not sent through an outbox: the edge publishes it directly, and a
/// typing notice nobody was there to see is not worth keeping. <see cref="ClientTags"/> keep their
/// <c>+</c>.
/// </summary>
[EventName("messages.tags-sent.v1")]
public sealed record TagsSent(
    string Room,
    string AuthorNick,
    string AuthorUser,
    string AuthorHost,
    IReadOnlyDictionary<string, string> ClientTags) : IntegrationEvent, Rooms.IRoomScoped;
