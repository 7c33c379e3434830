using System.Text;
using Xunit;

namespace ChatCloud.Irc.Tests;

public sealed class LineTagsTests
{
    [Theory]
    [InlineData(":s 001 a :hi\r\n", "label", "x y;z", "@label=x\\sy\\:z :s 001 a :hi\r\n")]
    [InlineData("@time=t :s PRIVMSG #r :hi\r\n", "batch", "b1", "@batch=b1;time=t :s PRIVMSG #r :hi\r\n")]
    [InlineData("PING x\r\n", "label", "", "@label PING x\r\n")]
    public void A_tag_is_added_to_a_written_line_and_parses_back(string line, string key, string value, string expected)
    {
        var tagged = IrcLineTags.Add(Encoding.UTF8.GetBytes(line), new IrcTag(key, value));

        Assert.Equal(expected, Encoding.UTF8.GetString(tagged));
        Assert.Equal(IrcParseError.None, IrcParser.TryParse(tagged.AsSpan(0, tagged.Length - 2), out var message));
        Assert.True(message.TryGetTag(key, out var parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData("@batch=b1;time=t :s X", "batch", true)]
    [InlineData("@time=t;batch :s X", "batch", true)]
    [InlineData("@batches=1 :s X", "batch", false)]
    [InlineData(":s X :batch=1", "batch", false)]
    public void Has_finds_only_a_tag_of_that_name(string line, string key, bool expected) =>
        Assert.Equal(expected, IrcLineTags.Has(Encoding.UTF8.GetBytes(line), key));
}
