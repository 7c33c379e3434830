using System.Buffers;
using System.Text;

namespace ChatCloud.Irc.Tests;

// Small helpers shared by the test classes.
internal static class Lines
{
    public static IrcParseError Parse(string line, out IrcMessage message) =>
        IrcParser.TryParse(Encoding.UTF8.GetBytes(line), out message);

    public static IrcMessage ParseValid(string line)
    {
        var error = Parse(line, out var message);
        Assert.Equal(IrcParseError.None, error);
        return message;
    }

    // The written line without its CRLF, after checking that the CRLF is there.
    public static string Write(IrcMessage message)
    {
        Assert.Equal(IrcWriteError.None, IrcWriter.TryGetBytes(message, out byte[] bytes));
        Assert.True(bytes.AsSpan().EndsWith("\r\n"u8));
        return Encoding.UTF8.GetString(bytes, 0, bytes.Length - 2);
    }

    // key, value, key, value ... as test tables write them.
    public static IrcTag[] Tags(string[] keysAndValues)
    {
        var tags = new IrcTag[keysAndValues.Length / 2];
        for (int i = 0; i < tags.Length; i++)
        {
            tags[i] = new IrcTag(keysAndValues[2 * i], keysAndValues[(2 * i) + 1]);
        }

        return tags;
    }

    public static string[] Flatten(IReadOnlyList<IrcTag> tags) =>
        [.. tags.SelectMany(tag => new[] { tag.Key, tag.Value })];

    // A ReadOnlySequence whose segments are the given parts, to test code that must work across them.
    public static ReadOnlySequence<byte> Segmented(params byte[][] parts)
    {
        if (parts.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(parts[0], null);
        var last = first;
        for (int i = 1; i < parts.Length; i++)
        {
            last = new Segment(parts[i], last);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
