namespace ChatCloud.Irc;

// Why IrcWriter refused a message. Nothing is written when the answer is not None.
public enum IrcWriteError
{
    None = 0,
    InvalidCommand,
    InvalidSource,

    // A parameter containing CR, LF or NUL, or a parameter before the last one that is empty,
    // contains a space or starts with ':' (it could not be told apart from the trailing one).
    InvalidParameter,
    TooManyParameters,
    InvalidTagKey,

    // A tag value containing NUL, which has no escape sequence.
    InvalidTagValue,
    TagsTooLong,
    BodyTooLong,
}
