namespace ChatCloud.Irc.Tests;

// The cases of ircdocs/parser-tests tests/msg-join.yaml (Daniel Oaks and contributors, CC0 1.0 Universal
// public domain dedication): atoms are written, and the line must be one of the accepted forms.
// Every accepted form must also parse back to the atoms (with the verb upper-cased).
public sealed class WriterVectorTests
{
    public static TheoryData<string?, string, string[], string[], string[]> MsgJoin => new()
    {
        // source, verb, params, tags as key, value..., accepted lines
        { null, "foo", ["bar", "baz", "asdf"], [], ["foo bar baz asdf", "foo bar baz :asdf"] },
        { "src", "AWAY", [], [], [":src AWAY"] },
        { "src", "AWAY", [""], [], [":src AWAY :"] },
        { "coolguy", "foo", ["bar", "baz", "asdf"], [], [":coolguy foo bar baz asdf", ":coolguy foo bar baz :asdf"] },
        { null, "foo", ["bar", "baz", "asdf quux"], [], ["foo bar baz :asdf quux"] },
        { null, "foo", ["bar", "baz", ""], [], ["foo bar baz :"] },
        { null, "foo", ["bar", "baz", ":asdf"], [], ["foo bar baz ::asdf"] },
        { "coolguy", "foo", ["bar", "baz", "asdf quux"], [], [":coolguy foo bar baz :asdf quux"] },
        { "coolguy", "foo", ["bar", "baz", "  asdf quux "], [], [":coolguy foo bar baz :  asdf quux "] },
        { "coolguy", "PRIVMSG", ["bar", "lol :) "], [], [":coolguy PRIVMSG bar :lol :) "] },
        { "coolguy", "foo", ["bar", "baz", ""], [], [":coolguy foo bar baz :"] },
        { "coolguy", "foo", ["bar", "baz", "  "], [], [":coolguy foo bar baz :  "] },
        { "coolguy", "foo", ["b\tar", "baz"], [], [":coolguy foo b\tar baz", ":coolguy foo b\tar :baz"] },
        { "coolguy", "foo", ["bar", "baz", "  "], ["asd", ""], ["@asd :coolguy foo bar baz :  ", "@asd= :coolguy foo bar baz :  "] },
        { null, "foo", [], ["a", "b\\and\nk", "d", "gh;764"], ["@a=b\\\\and\\nk;d=gh\\:764 foo", "@d=gh\\:764;a=b\\\\and\\nk foo"] },
        {
            null, "foo", ["par1", "par2"], ["a", "b\\and\nk", "d", "gh;764"],
            [
                "@a=b\\\\and\\nk;d=gh\\:764 foo par1 par2",
                "@a=b\\\\and\\nk;d=gh\\:764 foo par1 :par2",
                "@d=gh\\:764;a=b\\\\and\\nk foo par1 par2",
                "@d=gh\\:764;a=b\\\\and\\nk foo par1 :par2",
            ]
        },
        { null, "COMMAND", [], ["foo", "\\\\;\\s \r\n"], ["@foo=\\\\\\\\\\:\\\\s\\s\\r\\n COMMAND"] },
    };

    [Theory]
    [MemberData(nameof(MsgJoin))]
    public void Writes_one_of_the_accepted_lines(string? source, string verb, string[] parameters, string[] tags, string[] matches)
    {
        var message = new IrcMessage(source, verb, parameters, Lines.Tags(tags));

        Assert.Contains(Lines.Write(message), matches);
    }

    [Theory]
    [MemberData(nameof(MsgJoin))]
    public void Every_accepted_line_parses_to_the_atoms(string? source, string verb, string[] parameters, string[] tags, string[] matches)
    {
        // The order of tags is not meaningful (IRCv3), so tags are compared as sets.
        var expectedTags = Lines.Tags(tags).ToHashSet();
        foreach (string line in matches)
        {
            var message = Lines.ParseValid(line);

            Assert.Equal(source, message.Source);
            Assert.Equal(verb.ToUpperInvariant(), message.Command);
            Assert.Equal(parameters, message.Parameters);
            Assert.True(expectedTags.SetEquals(message.Tags), line);
        }
    }
}
