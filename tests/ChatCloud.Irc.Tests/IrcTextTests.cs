using System.Text;
using Xunit;

namespace ChatCloud.Irc.Tests;

public sealed class IrcTextTests
{
    private const string Prefix = "a-rather-long-nickname-here!~username@2001:db8:85a3:8d3:1319:8a2e:370:7348";

    [Fact]
    public void Text_that_fits_is_kept_whole() =>
        Assert.Equal("hello", IrcText.FitTrailing(Prefix, "PRIVMSG", "#room", "hello"));

    [Theory]
    [InlineData("x")]
    [InlineData("é")]
    [InlineData("😀")]
    public void Longer_text_is_cut_so_the_relayed_line_is_at_most_512_bytes_and_valid_utf8(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 500));

        var fitted = IrcText.FitTrailing(Prefix, "PRIVMSG", "#room", text);
        var line = IrcWriter.GetBytes(new IrcMessage(Prefix, "PRIVMSG", ["#room", fitted]));

        // Up to 3 bytes of a 4-byte character may be left over, and the writer may drop the ":".
        Assert.InRange(line.Length, 512 - 4, 512);
        Assert.StartsWith(fitted, text, StringComparison.Ordinal);
        Assert.Equal(fitted, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(fitted)));
    }
}
