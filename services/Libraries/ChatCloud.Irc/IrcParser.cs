using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace ChatCloud.Irc;

// Parses one line, given without its "\r\n" or "\n", per Modern IRC, RFC 1459/2812 and IRCv3
// message-tags:  ['@' tags SPACE] [':' source SPACE] command *(SPACE param) [SPACE ':' trailing]
// It never throws: every malformed input maps to an IrcParseError, so no peer can end a read loop.
public static partial class IrcParser
{
    private const byte Space = (byte)' ';
    private const byte Colon = (byte)':';

    public static IrcParseError TryParse(ReadOnlySpan<byte> line, out IrcMessage message) =>
        TryParse(line, IrcLimits.MaxTagSectionBytes, out message);

    // A server reading a client passes IrcLimits.MaxClientTagSectionBytes (IRCv3: 4094 bytes of tag data).
    public static IrcParseError TryParse(ReadOnlySpan<byte> line, int maxTagSectionBytes, out IrcMessage message)
    {
        message = default;
        if (!line.ContainsAnyExcept(Space))
        {
            return IrcParseError.Empty;
        }

        // Limits first: an over-long line gets 417 whatever else is wrong with it.
        bool hasTags = line[0] == (byte)'@';
        var tagData = ReadOnlySpan<byte>.Empty;
        var body = line;
        if (hasTags)
        {
            int space = line.IndexOf(Space);
            int sectionBytes = space < 0 ? line.Length + 1 : space + 1;
            if (sectionBytes > maxTagSectionBytes)
            {
                return IrcParseError.TagsTooLong;
            }

            if (space < 0)
            {
                return IrcParseError.NoCommand;
            }

            tagData = line[1..space];
            body = line[(space + 1)..];
        }

        // The body's 512 bytes include the CRLF that framing has already removed.
        if (body.Length + 2 > IrcLimits.MaxBodyBytes)
        {
            return IrcParseError.BodyTooLong;
        }

        if (line.Contains((byte)0))
        {
            return IrcParseError.ContainsNul;
        }

        if (line.ContainsAny((byte)'\r', (byte)'\n'))
        {
            return IrcParseError.ContainsLineBreak;
        }

        // The server advertises UTF8ONLY, so anything else is refused rather than guessed at.
        if (!Utf8.IsValid(line))
        {
            return IrcParseError.InvalidUtf8;
        }

        Span<Range> parameterRanges = stackalloc Range[IrcLimits.MaxParameters];
        var error = SplitBody(body, parameterRanges, out var sourceRange, out var commandRange, out int parameterCount);
        if (error != IrcParseError.None)
        {
            return error;
        }

        IReadOnlyList<IrcTag>? tags = null;
        if (hasTags)
        {
            error = ParseTags(tagData, out tags);
            if (error != IrcParseError.None)
            {
                return error;
            }
        }

        string? source = sourceRange is { } range ? Encoding.UTF8.GetString(body[range]) : null;
        string[] parameters = parameterCount == 0 ? [] : new string[parameterCount];
        for (int i = 0; i < parameterCount; i++)
        {
            parameters[i] = Encoding.UTF8.GetString(body[parameterRanges[i]]);
        }

        message = new IrcMessage(source, GetCommand(body[commandRange]), parameters, tags);
        return IrcParseError.None;
    }

    // A line that framing returned in several segments is copied once into a pooled buffer. The read
    // loop's cap on unterminated input (IrcFraming.IsUnterminatedLineTooLong) bounds its size.
    public static IrcParseError TryParse(in ReadOnlySequence<byte> line, out IrcMessage message) =>
        TryParse(line, IrcLimits.MaxTagSectionBytes, out message);

    public static IrcParseError TryParse(in ReadOnlySequence<byte> line, int maxTagSectionBytes, out IrcMessage message)
    {
        if (line.IsSingleSegment)
        {
            return TryParse(line.FirstSpan, maxTagSectionBytes, out message);
        }

        int length = checked((int)line.Length);
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            line.CopyTo(rented);
            return TryParse(rented.AsSpan(0, length), maxTagSectionBytes, out message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // Modern IRC: "These message parts, and parameters themselves, are separated by one or more ASCII
    // SPACE characters", so runs of spaces count as one separator and trailing spaces add nothing.
    private static IrcParseError SplitBody(
        ReadOnlySpan<byte> body, Span<Range> parameters, out Range? source, out Range command, out int count)
    {
        source = null;
        command = default;
        count = 0;
        int i = SkipSpaces(body, 0);
        if (i < body.Length && body[i] == Colon)
        {
            int end = EndOfWord(body, i);
            if (end == i + 1)
            {
                return IrcParseError.InvalidSource;
            }

            source = (i + 1)..end;
            i = SkipSpaces(body, end);
        }

        if (i == body.Length)
        {
            return IrcParseError.NoCommand;
        }

        int commandEnd = EndOfWord(body, i);
        command = i..commandEnd;
        if (!IrcSyntax.IsValidCommand(body[command]))
        {
            return IrcParseError.InvalidCommand;
        }

        for (i = SkipSpaces(body, commandEnd); i < body.Length; i = SkipSpaces(body, i))
        {
            if (count == parameters.Length)
            {
                return IrcParseError.TooManyParameters;
            }

            if (body[i] == Colon)
            {
                // The trailing parameter keeps everything, spaces and colons included, and may be empty.
                parameters[count++] = (i + 1)..body.Length;
                break;
            }

            int end = EndOfWord(body, i);
            parameters[count++] = i..end;
            i = end;
        }

        return IrcParseError.None;
    }

    private static int SkipSpaces(ReadOnlySpan<byte> text, int start)
    {
        int offset = text[start..].IndexOfAnyExcept(Space);
        return offset < 0 ? text.Length : start + offset;
    }

    private static int EndOfWord(ReadOnlySpan<byte> text, int start)
    {
        int offset = text[start..].IndexOf(Space);
        return offset < 0 ? text.Length : start + offset;
    }
}
