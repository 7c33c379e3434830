using Xunit;

namespace ChatCloud.Irc.Tests;

public sealed class IrcMaskTests
{
    [Theory]
    [InlineData("*", "", true)]
    [InlineData("*", "alice!~a@host", true)]
    [InlineData("*!*@*", "alice!~a@host", true)]
    [InlineData("alice!*@*", "Alice!~a@host", true)]
    [InlineData("[bot]*", "{BOT}runner", true)] // rfc1459: [ ] fold to { }
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("*@*.example.org", "bob!~b@gw.example.org", true)]
    [InlineData("*@*.example.org", "bob!~b@example.org", false)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("ab", "abc", false)]
    [InlineData("abc", "ab", false)]
    [InlineData(@"a\*c", "a*c", true)]
    [InlineData(@"a\*c", "abc", false)]
    [InlineData(@"a\?c", "abc", false)]
    [InlineData(@"a\\c", @"a\c", true)]
    [InlineData("**", "x", true)]
    public void Matches_as_the_wildcard_rules_say(string mask, string value, bool expected) =>
        Assert.Equal(expected, IrcMask.Matches(mask, value, IrcCaseMapping.Rfc1459));

    [Fact]
    public void A_hostile_mask_is_answered_quickly()
    {
        var mask = string.Concat(Enumerable.Repeat("*a", 200)) + "b";
        var value = new string('a', 5000);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.False(IrcMask.Matches(mask, value, IrcCaseMapping.Rfc1459));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }
}
