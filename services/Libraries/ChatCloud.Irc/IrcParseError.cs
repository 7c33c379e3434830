namespace ChatCloud.Irc;

// Why IrcParser rejected a line. TagsTooLong and BodyTooLong are answered with 417 ERR_INPUTTOOLONG;
// Empty is ignored (RFC 2812 §2.3.1: "Empty messages are silently ignored, which permits use of the
// sequence CR-LF between messages without extra problems.").
public enum IrcParseError
{
    None = 0,
    Empty,
    TagsTooLong,
    BodyTooLong,
    ContainsNul,

    // A bare CR (or LF) inside a line: the framer ends lines only at LF, so a CR can reach the parser.
    ContainsLineBreak,
    InvalidUtf8,
    InvalidTagKey,
    InvalidSource,
    NoCommand,
    InvalidCommand,
    TooManyParameters,
}
