using System.Buffers;
using System.Text;

namespace ChatCloud.Irc.Tests;

// Bounded, seeded fuzzing: the same 20,000 inputs every run, so a failure reproduces. Inputs mix fully
// random bytes, random strings of IRC-shaped tokens, and mutations of valid lines.
public sealed class FuzzTests
{
    private const int Seed = 6667;
    private const int Iterations = 20_000;

    private static readonly string[] ValidLines =
    [
        "PING :irc.example.com",
        ":nick!user@host PRIVMSG #chan :hello there, world",
        "@time=2024-01-01T00:00:00.000Z;msgid=abc :nick!u@h PRIVMSG #c :hi",
        "@+draft/react=👍;+draft/reply=abc TAGMSG #chan",
        "@a=b\\\\and\\nk;c=72\\s45;d=gh\\:764 foo bar :baz qux",
        ":srv 001 nick :Welcome to ChatCloud nick!user@host",
        ":srv 005 nick CASEMAPPING=rfc1459 CHANTYPES=# UTF8ONLY :are supported by this server",
        "JOIN #a,#b key1,key2",
        "MODE #channel +oo SomeUser :AnotherUser",
        "CAP REQ :message-tags server-time sasl",
        "AUTHENTICATE +",
        "USER guest 0 * :Real Name",
        "NICK [Été]",
        "CMD 1 2 3 4 5 6 7 8 9 10 11 12 13 14 :fifteen",
        "@k;+v=;vendor.example/x=1\\ :s AWAY",
        "PRIVMSG #c :\u0002bold\u0002 \u000304red\u0003 😀",
    ];

    private static readonly string[] Tokens =
    [
        "@", ":", " ", "  ", ";", "=", "\\", "\\s", "\\:", "\\\\", "\\r", "a", "tag", "+draft/x", "vendor.com/k",
        "PRIVMSG", "privmsg", "001", "12", "1234", "#chan", "nick!u@h", "é", "😀", "\r", "\n", "\0", "\t",
        "\u0003", "x y", ",", "*", "-", "/", "+",
    ];

    private static readonly byte[][] RawPieces = [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0x80]];

    [Fact]
    public void Random_and_mutated_lines_never_throw_and_every_parsed_message_round_trips()
    {
        var random = new Random(Seed);
        var outcomes = new Dictionary<IrcParseError, int>();
        for (int n = 0; n < Iterations; n++)
        {
            byte[] line = NextLine(random, n);
            var error = ParseGuarded(line, out var message);
            outcomes[error] = outcomes.GetValueOrDefault(error) + 1;
            if (error != IrcParseError.None)
            {
                Assert.Equal(default(IrcMessage), message);
                continue;
            }

            var writeError = IrcWriter.TryGetBytes(message, out byte[] written);
            Assert.True(writeError == IrcWriteError.None, $"{writeError} writing the parse of {Convert.ToHexString(line)}");
            Assert.Equal(IrcParseError.None, IrcParser.TryParse(written.AsSpan(0, written.Length - 2), out var again));
            Assert.Equal(message, again);

            // After one round the bytes are canonical: writing again changes nothing.
            Assert.Equal(written, IrcWriter.GetBytes(again));
        }

        string summary = string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}={o.Value}"));
        Assert.True(outcomes.GetValueOrDefault(IrcParseError.None) > Iterations / 5, summary);
        Assert.True(outcomes.Count == Enum.GetValues<IrcParseError>().Length, "every outcome reached: " + summary);
    }

    [Fact]
    public void Random_streams_in_random_segments_frame_into_the_lines_they_were_made_of()
    {
        var random = new Random(Seed + 1);
        int framed = 0;
        while (framed < Iterations)
        {
            var stream = new List<byte>();
            var expected = new List<byte[]>();
            int count = random.Next(1, 40);
            for (int i = 0; i < count; i++)
            {
                byte[] line = [.. NextLine(random, framed + i).Where(b => b != (byte)'\n')];
                bool crlf = random.Next(2) == 0;
                stream.AddRange(line);
                stream.AddRange(crlf ? "\r\n"u8.ToArray() : "\n"u8.ToArray());
                expected.Add(!crlf && line is [.., (byte)'\r'] ? line[..^1] : line);
            }

            byte[] tail = [.. NextLine(random, framed).Where(b => b != (byte)'\n')];
            stream.AddRange(tail);

            var buffer = Lines.Segmented([.. Split(random, [.. stream])]);
            var actual = new List<byte[]>();
            while (IrcFraming.TryReadLine(ref buffer, out var line))
            {
                actual.Add(line.ToArray());

                // The sequence overload must agree with the contiguous one, error and message alike.
                var sequenceError = IrcParser.TryParse(line, out var fromSequence);
                var spanError = IrcParser.TryParse(line.ToArray(), out var fromSpan);
                Assert.Equal(spanError, sequenceError);
                Assert.Equal(fromSpan, fromSequence);
            }

            Assert.Equal(expected, actual);
            Assert.Equal(tail, buffer.ToArray());
            Assert.Equal(tail.Length > IrcLimits.MaxLineBytes - 1, IrcFraming.IsUnterminatedLineTooLong(buffer));
            framed += count;
        }
    }

    private static IrcParseError ParseGuarded(byte[] line, out IrcMessage message)
    {
        try
        {
            return IrcParser.TryParse(line, out message);
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"The parser threw on {Convert.ToHexString(line)}", exception);
        }
    }

    private static byte[] NextLine(Random random, int n) => (n % 4) switch
    {
        0 => RandomBytes(random),
        1 => RandomTokens(random),
        _ => Mutate(random, Encoding.UTF8.GetBytes(ValidLines[random.Next(ValidLines.Length)])),
    };

    private static int RandomLength(Random random) => random.Next(100) switch
    {
        < 90 => random.Next(0, 64),
        < 97 => random.Next(400, 700),
        _ => random.Next(8000, 9500),
    };

    private static byte[] RandomBytes(Random random)
    {
        byte[] bytes = new byte[RandomLength(random)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] RandomTokens(Random random)
    {
        var bytes = new List<byte>();
        int count = random.Next(1, 25);
        for (int i = 0; i < count; i++)
        {
            bytes.AddRange(RandomToken(random));
        }

        return [.. bytes];
    }

    private static byte[] RandomToken(Random random) => random.Next(10) == 0
        ? RawPieces[random.Next(RawPieces.Length)]
        : Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]);

    private static byte[] Mutate(Random random, byte[] valid)
    {
        var bytes = new List<byte>(valid);
        int mutations = random.Next(0, 4);
        for (int i = 0; i < mutations; i++)
        {
            int at = random.Next(bytes.Count + 1);
            switch (random.Next(7))
            {
                case 0 when at < bytes.Count:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.InsertRange(at, RandomToken(random));
                    break;
                case 2 when at < bytes.Count:
                    bytes.RemoveRange(at, random.Next(1, bytes.Count - at + 1));
                    break;
                case 3 when at < bytes.Count:
                    int length = random.Next(1, bytes.Count - at + 1);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 4:
                    bytes.InsertRange(at, Enumerable.Repeat((byte)' ', random.Next(1, 4)));
                    break;
                case 5:
                    bytes.InsertRange(at, Enumerable.Repeat((byte)'x', RandomLength(random)));
                    break;
                default:
                    bytes.InsertRange(at, RandomToken(random));
                    break;
            }
        }

        return [.. bytes];
    }

    // Segments of 0 to 30 bytes, now and then a large one, so that lines, CRLFs and UTF-8 sequences
    // are cut everywhere.
    private static List<byte[]> Split(Random random, byte[] stream)
    {
        var parts = new List<byte[]>();
        int at = 0;
        while (at < stream.Length)
        {
            int size = Math.Min(stream.Length - at, random.Next(20) == 0 ? random.Next(100, 2000) : random.Next(0, 31));
            parts.Add(stream[at..(at + size)]);
            at += size;
        }

        return parts;
    }
}
