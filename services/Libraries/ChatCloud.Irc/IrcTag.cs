namespace ChatCloud.Irc;

// One IRCv3 message tag, value unescaped. A tag without a value and a tag with an empty value are the
// same here (Value is ""), and both are written as a bare key: the ircdocs parser tests allow normalising
// the empty form to the missing form, never the other way round, so the line can only get shorter.
public readonly record struct IrcTag(string Key, string Value)
{
    public IrcTag(string key)
        : this(key, string.Empty)
    {
    }

    public bool HasValue => !string.IsNullOrEmpty(Value);

    // Client-only tags carry the '+' prefix; servers relay them as they are (IRCv3 message-tags).
    public bool IsClientOnly => Key is ['+', ..];
}
