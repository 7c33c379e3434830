using System.Buffers;
using System.Text;

namespace ChatCloud.Irc.Tests;

public sealed class FramingTests
{
    private static List<string> ReadAll(ref ReadOnlySequence<byte> buffer)
    {
        var lines = new List<string>();
        while (IrcFraming.TryReadLine(ref buffer, out var line))
        {
            lines.Add(Encoding.UTF8.GetString(line));
        }

        return lines;
    }

    [Theory]
    [InlineData("PING a\r\nPING b\r\n", new[] { "PING a", "PING b" }, "")]
    [InlineData("PING a\nPING b\n", new[] { "PING a", "PING b" }, "")]
    [InlineData("PING a\r\nPING b\nPING c", new[] { "PING a", "PING b" }, "PING c")]
    [InlineData("\r\n\n", new[] { "", "" }, "")]
    [InlineData("PING a\rPING b\r\n", new[] { "PING a\rPING b" }, "")]
    [InlineData("PING a\r", new string[0], "PING a\r")]
    [InlineData("PING a\r\r\n", new[] { "PING a\r" }, "")]
    [InlineData("", new string[0], "")]
    public void Ends_lines_at_lf_with_an_optional_cr_and_never_at_a_bare_cr(string input, string[] expected, string remainder)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(input));

        Assert.Equal(expected, ReadAll(ref buffer));
        Assert.Equal(remainder, Encoding.UTF8.GetString(buffer));
    }

    [Fact]
    public void A_bare_cr_left_inside_a_line_is_then_refused_by_the_parser()
    {
        var buffer = new ReadOnlySequence<byte>("PRIVMSG #a :hi\rQUIT\r\n"u8.ToArray());

        Assert.True(IrcFraming.TryReadLine(ref buffer, out var line));
        Assert.Equal(IrcParseError.ContainsLineBreak, IrcParser.TryParse(line, out _));
    }

    [Fact]
    public void Finds_lines_across_segments_including_a_crlf_split_between_two()
    {
        var buffer = Lines.Segmented("PRI"u8.ToArray(), "VMSG #a :hel"u8.ToArray(), "lo\r"u8.ToArray(), "\nPI"u8.ToArray(), [], "NG x\n"u8.ToArray());

        Assert.Equal(["PRIVMSG #a :hello", "PING x"], ReadAll(ref buffer));
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Works_with_one_byte_per_segment()
    {
        byte[] input = "@a=b :n!u@h PRIVMSG #c :x y\r\nPING z\nPART"u8.ToArray();
        var buffer = Lines.Segmented([.. input.Select(b => new[] { b })]);

        Assert.Equal(["@a=b :n!u@h PRIVMSG #c :x y", "PING z"], ReadAll(ref buffer));
        Assert.Equal("PART", Encoding.UTF8.GetString(buffer));
    }

    [Fact]
    public void Leaves_the_buffer_untouched_when_no_line_is_complete()
    {
        var buffer = Lines.Segmented("PING"u8.ToArray(), " :abc\r"u8.ToArray());
        var before = buffer;

        Assert.False(IrcFraming.TryReadLine(ref buffer, out var line));
        Assert.Equal(before, buffer);
        Assert.True(line.IsEmpty);
    }

    [Fact]
    public void Multi_segment_lines_parse_like_single_segment_ones()
    {
        var buffer = Lines.Segmented(":nick PRIV"u8.ToArray(), "MSG #c :hi the"u8.ToArray(), "re\r\n"u8.ToArray());

        Assert.True(IrcFraming.TryReadLine(ref buffer, out var line));
        Assert.False(line.IsSingleSegment);
        Assert.Equal(IrcParseError.None, IrcParser.TryParse(line, out var message));
        Assert.Equal(["#c", "hi there"], message.Parameters);
    }

    [Fact]
    public void An_unterminated_remainder_is_too_long_once_it_cannot_fit_the_largest_line()
    {
        // The largest line is MaxLineBytes including CRLF; its bytes before the LF (CR included) are one fewer.
        var fits = new ReadOnlySequence<byte>(new byte[IrcLimits.MaxLineBytes - 1]);
        var tooLong = Lines.Segmented(new byte[IrcLimits.MaxLineBytes - 100], new byte[100]);

        Assert.Equal(8703, IrcLimits.MaxLineBytes);
        Assert.False(IrcFraming.IsUnterminatedLineTooLong(fits));
        Assert.True(IrcFraming.IsUnterminatedLineTooLong(tooLong));
        Assert.False(IrcFraming.IsUnterminatedLineTooLong(ReadOnlySequence<byte>.Empty));
    }

    [Fact]
    public void A_complete_over_long_line_is_framed_and_then_refused_by_the_parser()
    {
        byte[] input = Encoding.UTF8.GetBytes("PRIVMSG #c :" + new string('x', 600) + "\r\nPING ok\r\n");
        var buffer = new ReadOnlySequence<byte>(input);

        Assert.True(IrcFraming.TryReadLine(ref buffer, out var first));
        Assert.Equal(IrcParseError.BodyTooLong, IrcParser.TryParse(first, out _));
        Assert.True(IrcFraming.TryReadLine(ref buffer, out var second));
        Assert.Equal(IrcParseError.None, IrcParser.TryParse(second, out var ping));
        Assert.Equal("PING", ping.Command);
    }
}
