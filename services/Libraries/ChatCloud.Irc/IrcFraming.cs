using System.Buffers;

namespace ChatCloud.Irc;

// Splits received bytes into lines. A line ends at LF, with an optional CR before it removed; a bare CR
// is not a terminator (Modern IRC and Ergo's ircreader accept "\r\n" and "\n", never "\r" alone). The
// parser then rejects a line that still holds a CR, so "A\rB\n" cannot smuggle a second command.
//
// Read loop: while (IrcFraming.TryReadLine(ref buffer, out var line)) { ... }
//            if (IrcFraming.IsUnterminatedLineTooLong(buffer)) { reply 417; discard up to the next LF }
public static class IrcFraming
{
    private const byte LineFeed = (byte)'\n';
    private const byte CarriageReturn = (byte)'\r';

    // On success `line` excludes the terminator and `buffer` starts after it; otherwise both are left
    // as they were. Works across segments, including a CR and LF that arrive in different segments.
    public static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var lineFeed = buffer.PositionOf(LineFeed);
        if (lineFeed is not { } end)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, end);
        if (!line.IsEmpty && LastByte(line) == CarriageReturn)
        {
            line = line.Slice(0, line.Length - 1);
        }

        buffer = buffer.Slice(buffer.GetPosition(1, end));
        return true;
    }

    // True when bytes without a line feed can no longer become a line that fits in MaxLineBytes (its
    // CRLF included): the caller replies 417 ERR_INPUTTOOLONG and drops input up to the next LF, which
    // bounds what one connection may make the server hold.
    public static bool IsUnterminatedLineTooLong(in ReadOnlySequence<byte> unterminated) =>
        unterminated.Length > IrcLimits.MaxLineBytes - 1;

    private static byte LastByte(in ReadOnlySequence<byte> sequence)
    {
        if (sequence.IsSingleSegment)
        {
            return sequence.FirstSpan[^1];
        }

        return sequence.Slice(sequence.Length - 1).FirstSpan[0];
    }
}
