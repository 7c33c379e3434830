namespace ChatCloud.Irc.Tests;

// The cases of ircdocs/parser-tests tests/msg-split.yaml (Daniel Oaks and contributors, CC0 1.0 Universal
// public domain dedication), ported as they are. One deliberate difference: verbs come back upper-cased,
// because IrcParser normalises commands ("foo" is expected as "FOO").
public sealed class ParserVectorTests
{
    public static TheoryData<string, string?, string, string[], string[]> MsgSplit => new()
    {
        // input, source, verb, params, tags as key, value, key, value...
        { "foo bar baz asdf", null, "FOO", ["bar", "baz", "asdf"], [] },
        { ":coolguy foo bar baz asdf", "coolguy", "FOO", ["bar", "baz", "asdf"], [] },
        { "foo bar baz :asdf quux", null, "FOO", ["bar", "baz", "asdf quux"], [] },
        { "foo bar baz :", null, "FOO", ["bar", "baz", ""], [] },
        { "foo bar baz ::asdf", null, "FOO", ["bar", "baz", ":asdf"], [] },
        { ":coolguy foo bar baz :asdf quux", "coolguy", "FOO", ["bar", "baz", "asdf quux"], [] },
        { ":coolguy foo bar baz :  asdf quux ", "coolguy", "FOO", ["bar", "baz", "  asdf quux "], [] },
        { ":coolguy PRIVMSG bar :lol :) ", "coolguy", "PRIVMSG", ["bar", "lol :) "], [] },
        { ":coolguy foo bar baz :", "coolguy", "FOO", ["bar", "baz", ""], [] },
        { ":coolguy foo bar baz :  ", "coolguy", "FOO", ["bar", "baz", "  "], [] },
        { "@a=b;c=32;k;rt=ql7 foo", null, "FOO", [], ["a", "b", "c", "32", "k", "", "rt", "ql7"] },
        { "@a=b\\\\and\\nk;c=72\\s45;d=gh\\:764 foo", null, "FOO", [], ["a", "b\\and\nk", "c", "72 45", "d", "gh;764"] },
        { "@c;h=;a=b :quux ab cd", "quux", "AB", ["cd"], ["c", "", "h", "", "a", "b"] },
        { ":src JOIN #chan", "src", "JOIN", ["#chan"], [] },
        { ":src JOIN :#chan", "src", "JOIN", ["#chan"], [] },
        { ":src AWAY", "src", "AWAY", [], [] },
        { ":src AWAY ", "src", "AWAY", [], [] },

        // Tab is not a separator.
        { ":cool\tguy foo bar baz", "cool\tguy", "FOO", ["bar", "baz"], [] },

        // Formatting control codes in the source.
        { ":coolguy!ag@net\u00035w\u0003ork.admin PRIVMSG foo :bar baz", "coolguy!ag@net\u00035w\u0003ork.admin", "PRIVMSG", ["foo", "bar baz"], [] },
        { ":coolguy!~ag@n\u0002et\u000305w\u000fork.admin PRIVMSG foo :bar baz", "coolguy!~ag@n\u0002et\u000305w\u000fork.admin", "PRIVMSG", ["foo", "bar baz"], [] },
        {
            "@tag1=value1;tag2;vendor1/tag3=value2;vendor2/tag4= :irc.example.com COMMAND param1 param2 :param3 param3",
            "irc.example.com", "COMMAND", ["param1", "param2", "param3 param3"],
            ["tag1", "value1", "tag2", "", "vendor1/tag3", "value2", "vendor2/tag4", ""]
        },
        { ":irc.example.com COMMAND param1 param2 :param3 param3", "irc.example.com", "COMMAND", ["param1", "param2", "param3 param3"], [] },
        {
            "@tag1=value1;tag2;vendor1/tag3=value2;vendor2/tag4 COMMAND param1 param2 :param3 param3",
            null, "COMMAND", ["param1", "param2", "param3 param3"],
            ["tag1", "value1", "tag2", "", "vendor1/tag3", "value2", "vendor2/tag4", ""]
        },
        { "COMMAND", null, "COMMAND", [], [] },
        { "@foo=\\\\\\\\\\:\\\\s\\s\\r\\n COMMAND", null, "COMMAND", [], ["foo", "\\\\;\\s \r\n"] },

        // Broken messages from Unreal: runs of spaces and trailing spaces.
        { ":gravel.mozilla.org 432  #momo :Erroneous Nickname: Illegal characters", "gravel.mozilla.org", "432", ["#momo", "Erroneous Nickname: Illegal characters"], [] },
        { ":gravel.mozilla.org MODE #tckk +n ", "gravel.mozilla.org", "MODE", ["#tckk", "+n"], [] },
        { ":services.esper.net MODE #foo-bar +o foobar  ", "services.esper.net", "MODE", ["#foo-bar", "+o", "foobar"], [] },

        // Tag values are unescaped one character at a time; unknown escapes and a final lone backslash drop the backslash.
        { "@tag1=value\\\\ntest COMMAND", null, "COMMAND", [], ["tag1", "value\\ntest"] },
        { "@tag1=value\\1 COMMAND", null, "COMMAND", [], ["tag1", "value1"] },
        { "@tag1=value1\\ COMMAND", null, "COMMAND", [], ["tag1", "value1"] },

        // Duplicate keys: the final occurrence wins; a vendor prefix makes a different key.
        { "@tag1=1;tag2=3;tag3=4;tag1=5 COMMAND", null, "COMMAND", [], ["tag1", "5", "tag2", "3", "tag3", "4"] },
        { "@tag1=1;tag2=3;tag3=4;tag1=5;vendor/tag2=8 COMMAND", null, "COMMAND", [], ["tag1", "5", "tag2", "3", "tag3", "4", "vendor/tag2", "8"] },

        // MODE is not special.
        { ":SomeOp MODE #channel :+i", "SomeOp", "MODE", ["#channel", "+i"], [] },
        { ":SomeOp MODE #channel +oo SomeUser :AnotherUser", "SomeOp", "MODE", ["#channel", "+oo", "SomeUser", "AnotherUser"], [] },
    };

    [Theory]
    [MemberData(nameof(MsgSplit))]
    public void Splits_the_line_into_its_atoms_and_writes_them_back(
        string input, string? source, string verb, string[] parameters, string[] tags)
    {
        var message = Lines.ParseValid(input);

        Assert.Equal(source, message.Source);
        Assert.Equal(verb, message.Command);
        Assert.Equal(parameters, message.Parameters);
        Assert.Equal(tags, Lines.Flatten(message.Tags));
        Assert.Equal(message, Lines.ParseValid(Lines.Write(message)));
    }
}
