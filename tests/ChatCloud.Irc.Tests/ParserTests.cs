using System.Text;

namespace ChatCloud.Irc.Tests;

public sealed class ParserTests
{
    [Theory]
    [InlineData("", IrcParseError.Empty)]
    [InlineData("   ", IrcParseError.Empty)]
    [InlineData("@a=b", IrcParseError.NoCommand)]
    [InlineData("@a=b ", IrcParseError.NoCommand)]
    [InlineData("@a=b    ", IrcParseError.NoCommand)]
    [InlineData(":src", IrcParseError.NoCommand)]
    [InlineData(":src   ", IrcParseError.NoCommand)]
    [InlineData(":", IrcParseError.InvalidSource)]
    [InlineData(": PING", IrcParseError.InvalidSource)]
    [InlineData("12 x", IrcParseError.InvalidCommand)]
    [InlineData("1234 x", IrcParseError.InvalidCommand)]
    [InlineData("12a x", IrcParseError.InvalidCommand)]
    [InlineData("PR1VMSG x", IrcParseError.InvalidCommand)]
    [InlineData("PRIV_MSG x", IrcParseError.InvalidCommand)]
    [InlineData("ÉTÉ x", IrcParseError.InvalidCommand)]
    [InlineData("@a=b @c PING", IrcParseError.InvalidCommand)]
    [InlineData("@ PING", IrcParseError.InvalidTagKey)]
    [InlineData("@=value PING", IrcParseError.InvalidTagKey)]
    [InlineData("@a;;b PING", IrcParseError.InvalidTagKey)]
    [InlineData("@a; PING", IrcParseError.InvalidTagKey)]
    [InlineData("@a_b PING", IrcParseError.InvalidTagKey)]
    [InlineData("@+ PING", IrcParseError.InvalidTagKey)]
    [InlineData("@++a PING", IrcParseError.InvalidTagKey)]
    [InlineData("@vendor/ PING", IrcParseError.InvalidTagKey)]
    [InlineData("@/key PING", IrcParseError.InvalidTagKey)]
    [InlineData("@a/b/c PING", IrcParseError.InvalidTagKey)]
    [InlineData("@ké=1 PING", IrcParseError.InvalidTagKey)]
    [InlineData("PING a\rb", IrcParseError.ContainsLineBreak)]
    [InlineData("PING a\nb", IrcParseError.ContainsLineBreak)]
    [InlineData("PING a\r", IrcParseError.ContainsLineBreak)]
    [InlineData("@a=\r PING", IrcParseError.ContainsLineBreak)]
    [InlineData("PING a\0b", IrcParseError.ContainsNul)]
    [InlineData("@a=\0 PING", IrcParseError.ContainsNul)]
    public void Rejects_malformed_lines(string line, IrcParseError expected)
    {
        Assert.Equal(expected, Lines.Parse(line, out var message));
        Assert.Equal(default(IrcMessage), message);
    }

    [Theory]
    [InlineData("+draft/react", "+draft/react")]
    [InlineData("example.com/ddd", "example.com/ddd")]
    [InlineData("+example.com/foo-bar", "+example.com/foo-bar")]
    [InlineData("msgid", "msgid")]
    [InlineData("A-1", "A-1")]
    public void Accepts_tag_keys_of_the_IRCv3_grammar(string key, string expected)
    {
        var message = Lines.ParseValid($"@{key}=x PING");

        Assert.Equal(expected, message.Tags.Single().Key);
        Assert.True(message.TryGetTag(key, out string? value));
        Assert.Equal("x", value);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC0, 0x80 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    public void Rejects_invalid_utf8_anywhere_in_the_line(byte[] invalid)
    {
        byte[][] lines =
        [
            [.. "PRIVMSG #c :"u8, .. invalid],
            [.. "PRIVMSG #c"u8, .. invalid, .. " x"u8],
            [.. "@a="u8, .. invalid, .. " PING"u8],
            [.. ":n"u8, .. invalid, .. " PING"u8],
        ];

        foreach (byte[] line in lines)
        {
            Assert.Equal(IrcParseError.InvalidUtf8, IrcParser.TryParse(line, out _));
        }
    }

    [Fact]
    public void Keeps_valid_multibyte_utf8()
    {
        var message = Lines.ParseValid("@+draft/react=👍 :ñick PRIVMSG #été :héllo wörld 😀");

        Assert.Equal("ñick", message.Source);
        Assert.Equal(["#été", "héllo wörld 😀"], message.Parameters);
        Assert.Equal("👍", message.Tags.Single().Value);
    }

    [Fact]
    public void Upper_cases_the_command_and_keeps_numerics()
    {
        Assert.Equal("PRIVMSG", Lines.ParseValid("privmsg #c :x").Command);
        Assert.Equal("FROBNICATE", Lines.ParseValid("FrObNiCaTe").Command);
        Assert.Equal("001", Lines.ParseValid(":srv 001 nick :Welcome").Command);
    }

    [Fact]
    public void Treats_runs_of_spaces_as_one_separator()
    {
        var message = Lines.ParseValid("@a=b   :src    PRIVMSG   #c    :  two  spaces ");

        Assert.Equal("src", message.Source);
        Assert.Equal(["#c", "  two  spaces "], message.Parameters);
    }

    [Fact]
    public void Accepts_fifteen_parameters_and_refuses_sixteen()
    {
        string fifteen = "CMD " + string.Join(' ', Enumerable.Range(1, 15));
        string fourteenAndTrailing = "CMD " + string.Join(' ', Enumerable.Range(1, 14)) + " :last one";

        Assert.Equal(15, Lines.ParseValid(fifteen).Parameters.Count);
        Assert.Equal("last one", Lines.ParseValid(fourteenAndTrailing).Parameters[14]);
        Assert.Equal(IrcParseError.TooManyParameters, Lines.Parse(fifteen + " 16", out _));
        Assert.Equal(IrcParseError.TooManyParameters, Lines.Parse(fifteen + " :16", out _));
    }

    [Fact]
    public void Limits_the_body_to_510_bytes_before_crlf()
    {
        string prefix = "PRIVMSG #c :";
        string fits = prefix + new string('x', IrcLimits.MaxBodyBytes - 2 - prefix.Length);
        string tooLong = fits + "x";

        Assert.Equal(IrcParseError.None, Lines.Parse(fits, out _));
        Assert.Equal(IrcParseError.BodyTooLong, Lines.Parse(tooLong, out _));
        Assert.Equal(IrcParseError.None, Lines.Parse("@a=b " + fits, out _));
        Assert.Equal(IrcParseError.BodyTooLong, Lines.Parse("@a=b " + tooLong, out _));
    }

    [Fact]
    public void Counts_multibyte_characters_in_bytes()
    {
        // 'é' is two bytes: 254 of them plus "PING :" is 514 bytes of body.
        Assert.Equal(IrcParseError.BodyTooLong, Lines.Parse("PING :" + new string('é', 254), out _));
        Assert.Equal(IrcParseError.None, Lines.Parse("PING :" + new string('é', 252), out _));
    }

    [Fact]
    public void Limits_the_tag_section_to_8191_bytes_including_at_sign_and_space()
    {
        // "@k=" + value + " " is the section.
        string fits = "@k=" + new string('v', IrcLimits.MaxTagSectionBytes - 4) + " PING";
        string tooLong = "@k=" + new string('v', IrcLimits.MaxTagSectionBytes - 3) + " PING";

        Assert.Equal(IrcParseError.None, Lines.Parse(fits, out _));
        Assert.Equal(IrcParseError.TagsTooLong, Lines.Parse(tooLong, out _));
        Assert.Equal(IrcParseError.TagsTooLong, Lines.Parse("@k=" + new string('v', 9000), out _));
    }

    [Fact]
    public void Applies_the_client_limit_of_4094_bytes_of_tag_data_when_asked()
    {
        byte[] fits = Encoding.UTF8.GetBytes("@k=" + new string('v', IrcLimits.MaxClientTagDataBytes - 2) + " PING");
        byte[] tooLong = Encoding.UTF8.GetBytes("@k=" + new string('v', IrcLimits.MaxClientTagDataBytes - 1) + " PING");

        Assert.Equal(IrcParseError.None, IrcParser.TryParse(fits, IrcLimits.MaxClientTagSectionBytes, out _));
        Assert.Equal(IrcParseError.TagsTooLong, IrcParser.TryParse(tooLong, IrcLimits.MaxClientTagSectionBytes, out _));
        Assert.Equal(IrcParseError.None, IrcParser.TryParse(tooLong, out _));

        var segmented = Lines.Segmented(tooLong[..10], tooLong[10..]);
        Assert.Equal(IrcParseError.TagsTooLong, IrcParser.TryParse(segmented, IrcLimits.MaxClientTagSectionBytes, out _));
        Assert.Equal(IrcParseError.None, IrcParser.TryParse(segmented, out _));
    }

    [Fact]
    public void Reports_length_before_content_errors_so_the_server_can_answer_417()
    {
        string longBodyWithNul = "PRIVMSG #c :\0" + new string('x', 600);

        Assert.Equal(IrcParseError.BodyTooLong, Lines.Parse(longBodyWithNul, out _));
    }

    [Fact]
    public void Keeps_one_entry_per_tag_key_even_with_thousands_of_tags()
    {
        // 500 distinct keys plus a repeat of each: the dictionary path, and the last value wins.
        var keys = Enumerable.Range(0, 500).Select(i => $"k{i}").ToArray();
        string line = "@" + string.Join(';', keys.Select(k => k + "=1")) + ";" + string.Join(';', keys.Select(k => k + "=2")) + " PING";

        var message = Lines.ParseValid(line);

        Assert.Equal(keys, message.Tags.Select(t => t.Key));
        Assert.All(message.Tags, tag => Assert.Equal("2", tag.Value));
    }

    [Fact]
    public void Parses_a_multi_segment_sequence_like_the_same_bytes_in_one_span()
    {
        byte[] bytes = "@time=2024-01-01T00:00:00.000Z :nick!u@h PRIVMSG #chan :hello there"u8.ToArray();
        var segmented = Lines.Segmented(bytes[..5], bytes[5..6], [], bytes[6..40], bytes[40..]);

        Assert.Equal(IrcParseError.None, IrcParser.TryParse(segmented, out var fromSequence));
        Assert.Equal(IrcParseError.None, IrcParser.TryParse(bytes, out var fromSpan));
        Assert.Equal(fromSpan, fromSequence);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9000)]
    public void Classifies_an_over_long_multi_segment_sequence_like_the_same_bytes_in_one_span(int leadingSpaces)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(new string(' ', leadingSpaces) + "PRIVMSG #c :" + new string('x', 20_000));
        var segmented = Lines.Segmented(bytes[..100], bytes[100..9000], bytes[9000..]);

        Assert.Equal(IrcParseError.BodyTooLong, IrcParser.TryParse(bytes, out _));
        Assert.Equal(IrcParseError.BodyTooLong, IrcParser.TryParse(segmented, out _));
    }

    [Fact]
    public void Never_reports_a_message_on_failure()
    {
        Assert.Equal(IrcParseError.InvalidCommand, Lines.Parse("@a=b :src 12 x", out var message));
        Assert.Equal(string.Empty, message.Command);
        Assert.Null(message.Source);
        Assert.Empty(message.Parameters);
        Assert.Empty(message.Tags);
    }
}
