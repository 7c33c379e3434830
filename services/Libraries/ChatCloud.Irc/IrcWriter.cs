using System.Buffers;
using System.Text;

namespace ChatCloud.Irc;

// Writes a message as UTF-8 ending in CRLF. Write once, then share the bytes among all recipients.
// The message is measured and checked before anything is written, so a refusal leaves the destination
// untouched. The last parameter gets a ':' only when it needs one: empty, containing a space, or
// starting with ':' (as Ergo's ircmsg does); every earlier one must need none.
public static class IrcWriter
{
    public static IrcWriteError TryWrite(
        in IrcMessage message, IBufferWriter<byte> destination, int maxTagSectionBytes = IrcLimits.MaxTagSectionBytes)
    {
        var error = Measure(message, maxTagSectionBytes, out int length);
        if (error != IrcWriteError.None)
        {
            return error;
        }

        Write(message, destination.GetSpan(length));
        destination.Advance(length);
        return IrcWriteError.None;
    }

    public static IrcWriteError TryGetBytes(
        in IrcMessage message, out byte[] bytes, int maxTagSectionBytes = IrcLimits.MaxTagSectionBytes)
    {
        var error = Measure(message, maxTagSectionBytes, out int length);
        if (error != IrcWriteError.None)
        {
            bytes = [];
            return error;
        }

        bytes = new byte[length];
        Write(message, bytes);
        return IrcWriteError.None;
    }

    // For messages the server builds itself, where a refusal is a bug rather than bad input.
    public static byte[] GetBytes(in IrcMessage message)
    {
        var error = TryGetBytes(message, out byte[] bytes);
        return error == IrcWriteError.None
            ? bytes
            : throw new ArgumentException($"The {message.Command} message cannot be written: {error}.", nameof(message));
    }

    private static IrcWriteError Measure(in IrcMessage message, int maxTagSectionBytes, out int length)
    {
        length = 0;
        var tags = message.Tags;
        if (tags.Count > 0)
        {
            // '@', the tags with ';' between them, and the space after the section.
            int section = 1 + tags.Count;
            foreach (var tag in tags)
            {
                if (tag.Key is null || !IrcSyntax.IsValidTagKey(tag.Key.AsSpan()))
                {
                    return IrcWriteError.InvalidTagKey;
                }

                section += tag.Key.Length;
                if (tag.HasValue)
                {
                    if (tag.Value.Contains('\0', StringComparison.Ordinal))
                    {
                        return IrcWriteError.InvalidTagValue;
                    }

                    section += 1 + IrcSyntax.GetEscapedByteCount(tag.Value);
                }
            }

            if (section > maxTagSectionBytes)
            {
                return IrcWriteError.TagsTooLong;
            }

            length = section;
        }

        int body = 0;
        if (message.Source is { } source)
        {
            if (source.AsSpan().ContainsAny(" \0\r\n"))
            {
                return IrcWriteError.InvalidSource;
            }

            body += 1 + Encoding.UTF8.GetByteCount(source) + 1;
        }

        if (!IrcSyntax.IsValidCommand(message.Command.AsSpan()))
        {
            return IrcWriteError.InvalidCommand;
        }

        body += message.Command.Length;
        var parameters = message.Parameters;
        if (parameters.Count > IrcLimits.MaxParameters)
        {
            return IrcWriteError.TooManyParameters;
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            string parameter = parameters[i];
            if (parameter is null || parameter.AsSpan().ContainsAny("\0\r\n"))
            {
                return IrcWriteError.InvalidParameter;
            }

            bool trailing = NeedsTrailing(parameter);
            if (trailing && i < parameters.Count - 1)
            {
                return IrcWriteError.InvalidParameter;
            }

            body += 1 + (trailing ? 1 : 0) + Encoding.UTF8.GetByteCount(parameter);
        }

        body += 2;
        if (body > IrcLimits.MaxBodyBytes)
        {
            return IrcWriteError.BodyTooLong;
        }

        length += body;
        return IrcWriteError.None;
    }

    private static void Write(in IrcMessage message, Span<byte> destination)
    {
        int at = 0;
        var tags = message.Tags;
        if (tags.Count > 0)
        {
            destination[at++] = (byte)'@';
            for (int i = 0; i < tags.Count; i++)
            {
                if (i > 0)
                {
                    destination[at++] = (byte)';';
                }

                at += Encoding.ASCII.GetBytes(tags[i].Key, destination[at..]);
                if (tags[i].HasValue)
                {
                    destination[at++] = (byte)'=';
                    at += IrcSyntax.WriteEscaped(tags[i].Value, destination[at..]);
                }
            }

            destination[at++] = (byte)' ';
        }

        if (message.Source is { } source)
        {
            destination[at++] = (byte)':';
            at += Encoding.UTF8.GetBytes(source, destination[at..]);
            destination[at++] = (byte)' ';
        }

        at += Encoding.ASCII.GetBytes(message.Command, destination[at..]);
        foreach (string parameter in message.Parameters)
        {
            destination[at++] = (byte)' ';
            if (NeedsTrailing(parameter))
            {
                destination[at++] = (byte)':';
            }

            at += Encoding.UTF8.GetBytes(parameter, destination[at..]);
        }

        destination[at++] = (byte)'\r';
        destination[at] = (byte)'\n';
    }

    private static bool NeedsTrailing(string parameter) =>
        parameter.Length == 0 || parameter[0] == ':' || parameter.Contains(' ', StringComparison.Ordinal);
}
