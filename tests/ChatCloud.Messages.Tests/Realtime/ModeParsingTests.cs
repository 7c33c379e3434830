using ChatCloud.Contracts.Rooms;
using Xunit;

namespace ChatCloud.Messages.Tests.Realtime;

/// <summary>Both edges read a modestring as IRC's MODE does (CHANMODES=b,k,l,imnst, PREFIX=(ov)@+).</summary>
public sealed class ModeParsingTests
{
    [Theory]
    [InlineData("+m", "", "+m")]
    [InlineData("+vo-i", "bob alice", "+v:bob +o:alice -i")]
    [InlineData("+k-l", "secret", "+k:secret -l")]
    [InlineData("-k", "", "-k")]
    [InlineData("+l", "", "+l:")] // no limit given: the authority answers 461
    [InlineData("+b", "", "")] // a ban-list query, not a change
    [InlineData("+b", "*!*@spam", "+b:*!*@spam")]
    public void A_modestring_and_its_arguments_become_changes(string modestring, string arguments, string expected)
    {
        var changes = ModeString.Parse(modestring, arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries), out _);

        var written = string.Join(' ', changes.Select(c => $"{(c.Add ? '+' : '-')}{c.Mode}{(c.Argument is null ? (c.Mode == 'l' && c.Add ? ":" : "") : ":" + c.Argument)}"));
        Assert.Equal(expected, written);
    }

    [Fact]
    public void At_most_twenty_changes_are_taken()
    {
        Assert.Equal(20, ModeString.Parse("+" + new string('m', 30), [], out _).Count);
    }
}
