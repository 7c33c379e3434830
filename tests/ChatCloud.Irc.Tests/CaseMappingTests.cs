namespace ChatCloud.Irc.Tests;

public sealed class CaseMappingTests
{
    private static readonly IrcCaseMapping Mapping = IrcCaseMapping.Rfc1459;

    [Theory]
    [InlineData("Nick", "nick")]
    [InlineData("ABCXYZ", "abcxyz")]
    [InlineData("[Away]", "{away}")]
    [InlineData("a\\b", "a|b")]
    [InlineData("~tilde", "^tilde")]
    [InlineData("#Chat[1]", "#chat{1}")]
    [InlineData("ÉTÉ", "ÉtÉ")]
    [InlineData("", "")]
    public void Folds_ascii_letters_and_the_four_scandinavian_pairs(string input, string expected)
    {
        Assert.Equal(expected, Mapping.Fold(input));
        Assert.True(Mapping.Equals(input, expected));
        Assert.Equal(Mapping.GetHashCode(input), Mapping.GetHashCode(expected));
    }

    [Fact]
    public void Returns_the_same_instance_when_nothing_folds()
    {
        string folded = "already{folded}|^";

        Assert.Same(folded, Mapping.Fold(folded));
    }

    [Theory]
    [InlineData("nick", "nicK2")]
    [InlineData("a", "b")]
    [InlineData("é", "É")]
    [InlineData("~", "~~")]
    [InlineData("-", "_")]
    public void Tells_different_names_apart(string left, string right)
    {
        Assert.False(Mapping.Equals(left, right));
    }

    [Fact]
    public void Compares_nulls_like_an_ordinary_comparer()
    {
        Assert.True(Mapping.Equals(null, null));
        Assert.False(Mapping.Equals("a", null));
        Assert.False(Mapping.Equals(null, "a"));
    }

    [Fact]
    public void Works_as_a_dictionary_comparer_for_long_names_too()
    {
        string longName = "#" + new string('A', 300) + "[]";
        var channels = new Dictionary<string, int>(Mapping) { ["#ChatCloud[dev]"] = 1, [longName] = 2 };

        Assert.Equal(1, channels["#chatcloud{DEV}"]);
        Assert.Equal(2, channels["#" + new string('a', 300) + "{}"]);
        Assert.Equal("rfc1459", Mapping.Name);
    }

    [Theory]
    [InlineData("nick")]
    [InlineData("Nick_")]
    [InlineData("[away]")]
    [InlineData("{x}|y")]
    [InlineData("^caret")]
    [InlineData("a-b")]
    [InlineData("n1ck")]
    [InlineData("`tick")]
    [InlineData("a")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123")]
    public void Accepts_valid_nicknames(string nickname)
    {
        Assert.True(IrcCaseMapping.IsValidNickname(nickname));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1nick")]
    [InlineData("-nick")]
    [InlineData("$nick")]
    [InlineData(":nick")]
    [InlineData("#nick")]
    [InlineData("&nick")]
    [InlineData("+nick")]
    [InlineData("%nick")]
    [InlineData("~nick")]
    [InlineData("a b")]
    [InlineData("a,b")]
    [InlineData("a*")]
    [InlineData("a?")]
    [InlineData("a!b")]
    [InlineData("a@b")]
    [InlineData("a.b")]
    [InlineData("tab\tnick")]
    [InlineData("bell\a")]
    [InlineData("del\u007f")]
    [InlineData("été")]
    [InlineData("abcdefghijklmnopqrstuvwxyz01234")]
    public void Refuses_invalid_nicknames(string? nickname)
    {
        Assert.False(IrcCaseMapping.IsValidNickname(nickname));
    }

    [Fact]
    public void Applies_the_nickname_length_it_is_given()
    {
        Assert.True(IrcCaseMapping.IsValidNickname("ninechars", maxLength: 9));
        Assert.False(IrcCaseMapping.IsValidNickname("tencharsXX", maxLength: 9));
    }

    [Theory]
    [InlineData("#a")]
    [InlineData("#chat-room")]
    [InlineData("#été")]
    [InlineData("##double")]
    [InlineData("#with:colon")]
    [InlineData("#emoji😀")]
    public void Accepts_valid_channel_names(string channel)
    {
        Assert.True(IrcCaseMapping.IsValidChannelName(channel));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("#")]
    [InlineData("chan")]
    [InlineData("&chan")]
    [InlineData("#a b")]
    [InlineData("#a,b")]
    [InlineData("#a\ab")]
    [InlineData("#a\0")]
    [InlineData("#a\r")]
    public void Refuses_invalid_channel_names(string? channel)
    {
        Assert.False(IrcCaseMapping.IsValidChannelName(channel));
    }

    [Fact]
    public void Counts_channel_name_length_in_utf8_bytes()
    {
        string fifty = "#" + new string('x', 49);
        string twentyFiveAccents = "#" + new string('é', 25);

        Assert.True(IrcCaseMapping.IsValidChannelName(fifty));
        Assert.False(IrcCaseMapping.IsValidChannelName(fifty + "x"));
        Assert.False(IrcCaseMapping.IsValidChannelName(twentyFiveAccents));
        Assert.True(IrcCaseMapping.IsValidChannelName(twentyFiveAccents[..^1]));
        Assert.False(IrcCaseMapping.IsValidChannelName("#abc", maxLength: 3));
    }
}
