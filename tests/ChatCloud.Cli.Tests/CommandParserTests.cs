using ChatCloud.Cli.Commands;
using ChatCloud.Irc;

namespace ChatCloud.Cli.Tests;

public sealed class CommandParserTests
{
    private static readonly CommandContext InRoom = new("#ops", "01abc");
    private static readonly CommandContext InServer = new(null);

    private static string Wire(CommandResult result) =>
        string.Join(" | ", Assert.IsType<SendLines>(result).Lines.Select(line => line.ToString()));

    [Theory]
    [InlineData("/join #a", "JOIN #a")]
    [InlineData("/join #a,#b key", "JOIN #a,#b key")]
    [InlineData("/part", "PART #ops")]
    [InlineData("/part bye all", "PART #ops :bye all")]
    [InlineData("/part #other", "PART #other")]
    [InlineData("/topic", "TOPIC #ops")]
    [InlineData("/topic new topic", "TOPIC #ops :new topic")]
    [InlineData("/names", "NAMES #ops")]
    [InlineData("/who", "WHO #ops")]
    [InlineData("/whois bob", "WHOIS bob")]
    [InlineData("/list", "LIST")]
    [InlineData("/away lunch break", "AWAY :lunch break")]
    [InlineData("/away", "AWAY")]
    [InlineData("/invite bob", "INVITE bob #ops")]
    [InlineData("/kick bob spam", "KICK #ops bob spam")]
    [InlineData("/mode +m", "MODE #ops +m")]
    [InlineData("/mode alice +i", "MODE alice +i")]
    [InlineData("/nick newname", "NICK newname")]
    [InlineData("/history", "CHATHISTORY BEFORE #ops msgid=01abc 50")]
    [InlineData("/history 20", "CHATHISTORY BEFORE #ops msgid=01abc 20")]
    [InlineData("/JOIN #caps", "JOIN #caps")]
    public void Commands_become_the_IRC_lines_they_stand_for(string input, string expected) =>
        Assert.Equal(expected, Wire(CommandParser.Parse(input, InRoom)));

    [Fact]
    public void History_without_a_line_shown_asks_for_the_latest() =>
        Assert.Equal("CHATHISTORY LATEST #ops * 50", Wire(CommandParser.Parse("/history", new CommandContext("#ops"))));

    [Fact]
    public void Plain_text_is_said_in_the_current_buffer_and_a_double_slash_escapes()
    {
        Assert.Equal(new Say("#ops", "hello there"), CommandParser.Parse("hello there", InRoom));
        Assert.Equal(new Say("#ops", "/not a command"), CommandParser.Parse("//not a command", InRoom));
        Assert.Equal(new Say("#ops", "waves", Action: true), CommandParser.Parse("/me waves", InRoom));
        Assert.Equal(new Say("bob", "hi bob"), CommandParser.Parse("/msg bob hi bob", InServer));
        Assert.Equal(new OpenQuery("bob", "psst"), CommandParser.Parse("/query bob psst", InServer));
        Assert.Equal(new OpenQuery("bob", null), CommandParser.Parse("/query bob", InServer));
        Assert.Equal(new SearchLines("deploy"), CommandParser.Parse("/search deploy", InRoom));
        Assert.Equal(new Quit("gone fishing"), CommandParser.Parse("/quit gone fishing", InRoom));
        Assert.Equal(new Quit("Leaving"), CommandParser.Parse("/quit", InRoom));
    }

    [Theory]
    [InlineData("hello", "No room or query here")]
    [InlineData("/me waves", "No room or query here")]
    [InlineData("/part", "Not in a room here")]
    [InlineData("/join ops", "Room names start with #")]
    [InlineData("/join", "Usage: /join")]
    [InlineData("/msg bob", "Usage: /msg")]
    [InlineData("/whois", "Usage: /whois")]
    [InlineData("/nick bad nick", "Usage: /nick")]
    [InlineData("/nick 9bad", "not a valid nick")]
    [InlineData("/history 0", "1 to 100")]
    [InlineData("/history lots", "1 to 100")]
    [InlineData("/frobnicate", "Unknown command /frobnicate")]
    [InlineData("/register bob", "Usage: /register")]
    [InlineData("/register bob short", "8 to 256 characters")]
    [InlineData("/register 9bob s3cret-pass", "not a valid account name")]
    [InlineData("/register bob s3cret-pass bob.example.org", "not an email address")]
    [InlineData("/", "A command name follows")]
    [InlineData("   ", "Nothing to send")]
    public void Bad_input_gets_a_clear_error(string input, string expected) =>
        Assert.Contains(expected, Assert.IsAssignableFrom<CommandError>(CommandParser.Parse(input, InServer)).Message, StringComparison.Ordinal);

    [Fact]
    public void Register_builds_REGISTER_and_never_shows_the_password_as_text()
    {
        var register = Assert.IsType<RegisterAccount>(CommandParser.Parse("/register bob s3cret-pass bob@example.org", InServer));
        var noEmail = Assert.IsType<RegisterAccount>(CommandParser.Parse("/register * s3cret-pass", InRoom));

        Assert.Equal("REGISTER bob bob@example.org s3cret-pass", register.Line.ToString());
        Assert.Equal("REGISTER * * s3cret-pass", noEmail.Line.ToString());
        Assert.DoesNotContain("s3cret", register.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_command_has_help_with_its_syntax()
    {
        foreach (var spec in CommandTable.All)
        {
            var help = Assert.IsType<ShowText>(CommandParser.Parse($"/help {spec.Name}", InServer)).Text;
            Assert.StartsWith($"/{spec.Name}", help, StringComparison.Ordinal);
            Assert.True(spec.Help.Length > 10, spec.Name);
        }

        string all = Assert.IsType<ShowText>(CommandParser.Parse("/help", InServer)).Text;
        foreach (string name in new[] { "join", "part", "msg", "query", "me", "topic", "names", "who", "whois", "list", "away", "history", "search", "invite", "kick", "mode", "nick", "quit", "help" })
        {
            Assert.Contains("/" + name, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_message_is_one_IRC_line_whatever_it_holds()
    {
        var say = Assert.IsType<Say>(CommandParser.Parse(":starts with a colon", InRoom));
        Assert.Equal(":starts with a colon", say.Text);
        Assert.Equal(IrcWriteError.None, IrcWriter.TryGetBytes(new IrcMessage("PRIVMSG", say.Target, say.Text), out _));
    }
}
