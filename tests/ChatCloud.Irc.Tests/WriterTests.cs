using System.Buffers;
using System.Text;

namespace ChatCloud.Irc.Tests;

public sealed class WriterTests
{
    [Theory]
    [InlineData("hello", "PRIVMSG #c hello")]
    [InlineData("hello world", "PRIVMSG #c :hello world")]
    [InlineData("", "PRIVMSG #c :")]
    [InlineData(":)", "PRIVMSG #c ::)")]
    [InlineData("a:b", "PRIVMSG #c a:b")]
    [InlineData(" ", "PRIVMSG #c : ")]
    [InlineData("tab\there", "PRIVMSG #c tab\there")]
    public void Uses_a_trailing_parameter_only_when_the_last_one_needs_it(string last, string expected)
    {
        Assert.Equal(expected, Lines.Write(new IrcMessage("PRIVMSG", "#c", last)));
    }

    [Fact]
    public void Writes_tags_source_command_and_parameters_in_order_and_ends_with_crlf()
    {
        var message = new IrcMessage("nick!user@host", "PRIVMSG", ["#chan", "hi there"], [new("msgid", "abc"), new("+draft/reply"), new("time", "2024-01-01T00:00:00.000Z")]);

        byte[] bytes = IrcWriter.GetBytes(message);

        Assert.Equal("@msgid=abc;+draft/reply;time=2024-01-01T00:00:00.000Z :nick!user@host PRIVMSG #chan :hi there\r\n", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Writes_several_messages_into_a_buffer_writer()
    {
        var writer = new ArrayBufferWriter<byte>(1);

        Assert.Equal(IrcWriteError.None, IrcWriter.TryWrite(new IrcMessage("PING", "a"), writer));
        Assert.Equal(IrcWriteError.None, IrcWriter.TryWrite(new IrcMessage("srv", Numerics.RPL_WELCOME, ["nick", "Welcome to ChatCloud, nick"]), writer));

        Assert.Equal("PING a\r\n:srv 001 nick :Welcome to ChatCloud, nick\r\n", Encoding.UTF8.GetString(writer.WrittenSpan));
    }

    public static TheoryData<string, IrcMessage, IrcWriteError> Refused => new()
    {
        { "empty command", new IrcMessage("", "x"), IrcWriteError.InvalidCommand },
        { "default message", default, IrcWriteError.InvalidCommand },
        { "command with space", new IrcMessage("PRIV MSG"), IrcWriteError.InvalidCommand },
        { "two-digit numeric", new IrcMessage("12"), IrcWriteError.InvalidCommand },
        { "source with space", new IrcMessage("a b", "PING", ["x"]), IrcWriteError.InvalidSource },
        { "source with CR", new IrcMessage("a\rb", "PING", ["x"]), IrcWriteError.InvalidSource },
        { "middle with space", new IrcMessage("PRIVMSG", "#a b", "x"), IrcWriteError.InvalidParameter },
        { "empty middle", new IrcMessage("PRIVMSG", "", "x"), IrcWriteError.InvalidParameter },
        { "middle starting with colon", new IrcMessage("PRIVMSG", ":a", "x"), IrcWriteError.InvalidParameter },
        { "CR in trailing", new IrcMessage("PRIVMSG", "#a", "x\ry"), IrcWriteError.InvalidParameter },
        { "LF in trailing", new IrcMessage("PRIVMSG", "#a", "x\nQUIT"), IrcWriteError.InvalidParameter },
        { "NUL in middle", new IrcMessage("PRIVMSG", "#\0", "x"), IrcWriteError.InvalidParameter },
        { "sixteen parameters", new IrcMessage("CMD", [.. Enumerable.Range(1, 16).Select(i => $"p{i}")]), IrcWriteError.TooManyParameters },
        { "tag key with underscore", new IrcMessage(null, "PING", ["x"], [new("a_b", "1")]), IrcWriteError.InvalidTagKey },
        { "empty tag key", new IrcMessage(null, "PING", ["x"], [new("", "1")]), IrcWriteError.InvalidTagKey },
        { "NUL in tag value", new IrcMessage(null, "PING", ["x"], [new("a", "\0")]), IrcWriteError.InvalidTagValue },
        { "body of 513 bytes", new IrcMessage("PRIVMSG", "#c", new string('x', 500)), IrcWriteError.BodyTooLong },
        { "tags of 8192 bytes", new IrcMessage(null, "PING", ["x"], [new("k", new string('v', 8188))]), IrcWriteError.TagsTooLong },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refuses_messages_that_cannot_be_written_and_writes_nothing(string reason, IrcMessage message, IrcWriteError expected)
    {
        var writer = new ArrayBufferWriter<byte>();

        Assert.Equal(expected, IrcWriter.TryWrite(message, writer));
        Assert.True(writer.WrittenCount == 0, reason);
        Assert.Equal(expected, IrcWriter.TryGetBytes(message, out byte[] bytes));
        Assert.Empty(bytes);
        Assert.Throws<ArgumentException>(() => IrcWriter.GetBytes(message));
    }

    [Fact]
    public void Writes_a_body_of_exactly_512_bytes_including_crlf()
    {
        // "PRIVMSG #c " is 11 bytes, the text 499, CRLF 2.
        var message = new IrcMessage("PRIVMSG", "#c", new string('x', 499));

        Assert.Equal(512, IrcWriter.GetBytes(message).Length);
    }

    [Fact]
    public void Applies_the_tag_limit_it_is_given()
    {
        var message = new IrcMessage(null, "TAGMSG", ["#c"], [new("+k", new string('v', 4100))]);

        Assert.Equal(IrcWriteError.None, IrcWriter.TryGetBytes(message, out _));
        Assert.Equal(IrcWriteError.TagsTooLong, IrcWriter.TryGetBytes(message, out _, IrcLimits.MaxClientTagSectionBytes));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a;b", "a\\:b")]
    [InlineData("a b", "a\\sb")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("cr\rlf\n", "cr\\rlf\\n")]
    [InlineData("\\s", "\\\\s")]
    [InlineData("trailing\\", "trailing\\\\")]
    [InlineData("été 😀 =,+:", "été\\s😀\\s=,+:")]
    [InlineData("; \\\r\n", "\\:\\s\\\\\\r\\n")]
    public void Escapes_tag_values_and_the_parser_unescapes_them_back(string value, string escaped)
    {
        var message = new IrcMessage(null, "TAGMSG", ["#c"], [new("+k", value)]);

        string line = Lines.Write(message);

        Assert.Equal($"@+k={escaped} TAGMSG #c", line);
        Assert.True(Lines.ParseValid(line).TryGetTag("+k", out string? parsed));
        Assert.Equal(value, parsed);
    }

    [Fact]
    public void Writes_an_empty_tag_value_as_a_bare_key()
    {
        Assert.Equal("@a;b=1 PING x", Lines.Write(new IrcMessage(null, "PING", ["x"], [new("a", ""), new("b", "1")])));
    }

    [Fact]
    public void Treats_an_empty_source_as_none()
    {
        var message = new IrcMessage("", "PING", ["x"]);

        Assert.Null(message.Source);
        Assert.Equal("PING x", Lines.Write(message));
    }

    [Fact]
    public void ToString_shows_the_wire_form()
    {
        Assert.Equal(":n PRIVMSG #c :hi there", new IrcMessage("n", "PRIVMSG", ["#c", "hi there"]).ToString());
        Assert.Equal("<unwritable IrcMessage: InvalidCommand>", default(IrcMessage).ToString());
    }
}
