namespace ChatCloud.Contracts.Messages;

/// <summary>
/// A room message was stored. <see cref="MessageId"/> is the IRC <c>msgid</c> tag and
/// <see cref="Sequence"/> its position in the room, so consumers can restore the order the bus
/// does not keep. <see cref="AuthorAccountId"/> is null for a guest. <see cref="Kind"/> is
/// <c>"PRIVMSG"</c> or <c>"NOTICE"</c> (a <c>/me</c> action is a PRIVMSG whose text is a CTCP
/// ACTION). <see cref="PostId"/> is the <see cref="PostRequested"/> it answers, so the sender's
/// edge can match its pending post. <see cref="ClientTags"/> are the relayed client-only tags
/// (<c>+reply</c>, <c>+draft/react</c>), without the <c>+</c>-less server tags.
/// <para>
/// It is also how room state changes travel, in the same stream and order as messages: then
/// <see cref="Kind"/> is the IRC verb (<c>JOIN</c>, <c>PART</c>, <c>QUIT</c>, <c>NICK</c>,
/// <c>TOPIC</c>, <c>KICK</c>, <c>MODE</c>, <c>INVITE</c>), <see cref="Arguments"/> holds its parameters
/// between the room and the text (the JOIN's account name or <c>*</c>; the KICK and INVITE target; the
/// MODE changes and their arguments; the new nick), and <see cref="Text"/> its trailing text (reason,
/// topic, the JOIN's real name).
/// </para>
/// <see cref="AuthorAccount"/> is the author's account name (account-tag), null for a guest.
/// </summary>
[EventName("messages.message-stored.v1")]
public sealed record MessageStored(
    string MessageId,
    Guid PostId,
    string Room,
    Guid? AuthorAccountId,
    string AuthorNick,
    string AuthorUser,
    string AuthorHost,
    string Kind,
    string Text,
    IReadOnlyDictionary<string, string>? ClientTags,
    DateTimeOffset ServerTime,
    long Sequence,
    IReadOnlyList<string>? Arguments = null,
    string? AuthorAccount = null) : IntegrationEvent, Rooms.IRoomScoped
{
    /// <summary>An INVITE goes to every edge: the invited user's edge may have nobody in the room.</summary>
    bool Rooms.IRoomScoped.ForEveryEdge => Kind == "INVITE";
}
