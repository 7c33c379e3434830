namespace ChatCloud.Contracts.Messages;

/// <summary>
/// An edge asks the messages service to store a room message. The edge publishes it with a broker
/// confirm and delivers nothing itself: users see the message when <see cref="MessageStored"/>
/// comes back. The event's <c>Id</c> identifies the post, so a redelivered request is stored once.
/// <para>
/// With <see cref="Conversation"/> set it is a direct message: <see cref="Room"/> is then the
/// recipient's nick as it holds it, <see cref="Conversation"/> the key of the two parties'
/// conversation (<see cref="DirectConversation"/>), and the answer is a <see cref="DirectMessageStored"/>.
/// </para>
/// <see cref="AuthorAccount"/> is the author's account name (IRCv3 account-tag), null for a guest or
/// from an edge that predates it.
/// </summary>
[EventName("messages.post-requested.v1")]
public sealed record PostRequested(
    string Room,
    Guid? AuthorAccountId,
    string AuthorNick,
    string AuthorUser,
    string AuthorHost,
    string Kind,
    string Text,
    IReadOnlyDictionary<string, string>? ClientTags,
    string? Conversation = null,
    string? AuthorAccount = null) : IntegrationEvent;
