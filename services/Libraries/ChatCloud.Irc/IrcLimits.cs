namespace ChatCloud.Irc;

// Byte limits of the wire format. Every limit counts bytes of UTF-8, never characters.
public static class IrcLimits
{
    // RFC 1459 / RFC 2812 §2.3: "IRC messages are always lines of characters terminated with a CR-LF
    // (Carriage Return - Line Feed) pair, and these messages SHALL NOT exceed 512 characters in length,
    // counting all characters including the trailing CR-LF."
    // With message tags this limit applies to everything after the tag section.
    public const int MaxBodyBytes = 512;

    // IRCv3 message-tags, "Size limit": "The size limit for message tags is 8191 bytes, including the
    // leading '@' (0x40) and trailing space ' ' (0x20) characters. The size limit for the rest of the
    // message remains unchanged at 512 bytes."
    public const int MaxTagSectionBytes = 8191;

    // IRCv3 message-tags: "Clients MUST NOT send messages with tag data exceeding 4094 bytes, this
    // includes tags with or without the client-only prefix." Tag data excludes the '@' and the space.
    // "Servers MUST reply with the ERR_INPUTTOOLONG (417) error numeric if a client sends a message
    // with more tag data than the allowed limit."
    public const int MaxClientTagDataBytes = 4094;

    // '@' + client tag data + ' ': what a server passes as the parser's limit for lines from a client.
    public const int MaxClientTagSectionBytes = MaxClientTagDataBytes + 2;

    // IRCv3 message-tags: "Servers MUST NOT add tag data exceeding 4094 bytes to messages."
    public const int MaxServerTagDataBytes = 4094;

    // RFC 2812 §2.3: "Each IRC message may consist of up to three main parts: the prefix (OPTIONAL),
    // the command, and the command parameters (maximum of fifteen (15))." (§2.3.1: *14( SPACE middle )
    // [ SPACE ":" trailing ]).
    public const int MaxParameters = 15;

    // The longest line a peer may send, terminator included: a full tag section plus a full body.
    // A read loop that holds this many bytes without a line feed discards them and replies 417.
    public const int MaxLineBytes = MaxTagSectionBytes + MaxBodyBytes;
}
