using System.Buffers.Text;
using System.Text;

namespace ChatCloud.Bench.Protocol;

public enum LineKind
{
    // Anything else: parsed with IrcParser and handled by the registration state machine.
    Other,

    // A PRIVMSG carrying this run's payload.
    Delivery,

    // A PRIVMSG that is not ours (another run, a CTCP VERSION probe): dropped unparsed.
    ForeignPrivmsg,
}

public readonly record struct Delivery(int Step, int Sender, long Sequence, long SentTimestamp);

// The measured messages: `PRIVMSG <room> :<run> <step> <sender> <sequence> <stopwatch timestamp>`.
// Senders and receivers share one process, so the sender's Stopwatch timestamp is the receiver's clock.
//
// Receiving is the bench's hot path (200 clients at 6,400 msg/s is 1.3 M lines a second on two cores
// shared with the server), so PRIVMSG lines are recognised here on the bytes, without the strings and
// arrays IrcParser builds for every parameter. Every other line goes through IrcParser.
// The tests check that this agrees with IrcParser on the lines it accepts.
public static class BenchLine
{
    private static ReadOnlySpan<byte> Privmsg => "PRIVMSG"u8;

    // Longest line the sender writes: command, a CHANNELLEN 50 room, run id and five numbers.
    public const int MaxLineBytes = 160;

    public static LineKind Classify(ReadOnlySpan<byte> line, ReadOnlySpan<byte> runId, out Delivery delivery)
    {
        delivery = default;
        var rest = line;
        if (!rest.IsEmpty && rest[0] == (byte)'@' && !SkipWord(ref rest))
        {
            return LineKind.Other;
        }

        if (!rest.IsEmpty && rest[0] == (byte)':' && !SkipWord(ref rest))
        {
            return LineKind.Other;
        }

        int commandEnd = rest.IndexOf((byte)' ');
        if (commandEnd < 0 || !Ascii.EqualsIgnoreCase(rest[..commandEnd], Privmsg))
        {
            return LineKind.Other;
        }

        rest = rest[commandEnd..].TrimStart((byte)' ');
        if (!SkipWord(ref rest) || rest.IsEmpty || rest[0] != (byte)':')
        {
            return LineKind.ForeignPrivmsg;
        }

        var text = rest[1..];
        if (!text.StartsWith(runId) || text.Length == runId.Length || text[runId.Length] != (byte)' ')
        {
            return LineKind.ForeignPrivmsg;
        }

        text = text[(runId.Length + 1)..];
        if (TakeNumber(ref text, out long step) && step <= int.MaxValue
            && TakeNumber(ref text, out long sender) && sender <= int.MaxValue
            && TakeNumber(ref text, out long sequence)
            && TakeNumber(ref text, out long timestamp))
        {
            delivery = new Delivery((int)step, (int)sender, sequence, timestamp);
            return LineKind.Delivery;
        }

        return LineKind.ForeignPrivmsg;
    }

    // Writes `PRIVMSG <room> :<run> <step> <sender> ` once per sender and step; Write adds the rest.
    public static byte[] Prefix(string room, string runId, int step, int sender) =>
        Encoding.ASCII.GetBytes($"PRIVMSG {room} :{runId} {step} {sender} ");

    public static int Write(Span<byte> destination, ReadOnlySpan<byte> prefix, long sequence, long timestamp)
    {
        prefix.CopyTo(destination);
        int n = prefix.Length;
        Utf8Formatter.TryFormat(sequence, destination[n..], out int written);
        n += written;
        destination[n++] = (byte)' ';
        Utf8Formatter.TryFormat(timestamp, destination[n..], out written);
        n += written;
        destination[n++] = (byte)'\r';
        destination[n++] = (byte)'\n';
        return n;
    }

    // Moves past one word and the spaces after it; false when nothing follows.
    private static bool SkipWord(ref ReadOnlySpan<byte> rest)
    {
        int space = rest.IndexOf((byte)' ');
        if (space < 0)
        {
            return false;
        }

        rest = rest[space..].TrimStart((byte)' ');
        return true;
    }

    // A decimal number ended by a space or the end of the text (padding may follow the last one).
    private static bool TakeNumber(ref ReadOnlySpan<byte> text, out long value)
    {
        if (!Utf8Parser.TryParse(text, out value, out int consumed) || value < 0 || text[0] == (byte)'-')
        {
            return false;
        }

        text = text[consumed..];
        if (text.IsEmpty)
        {
            return true;
        }

        if (text[0] != (byte)' ')
        {
            return false;
        }

        text = text[1..];
        return true;
    }
}
