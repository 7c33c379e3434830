using ChatCloud.Recommendations.Data;
using Xunit;

namespace ChatCloud.Recommendations.Tests;

/// <summary>The interaction log format: user,item,timestamp[,weight].</summary>
public sealed class InteractionCsvTests
{
    [Fact]
    public void Reads_commas_or_tabs_with_a_header_and_optional_weights()
    {
        var log = InteractionCsv.Read(new StringReader("user,item,timestamp,weight\nalice,#garden,100,3\nbob\t#garden\t50\n\nalice,#tea,200\n"));

        Assert.Equal(["alice", "bob"], log.UserIds);
        Assert.Equal(["#garden", "#tea"], log.ItemIds);
        // Sorted by time; ids are dense in order of appearance.
        Assert.Equal([new Interaction(1, 0, 50, 1), new Interaction(0, 0, 100, 3), new Interaction(0, 1, 200, 1)], log.Interactions);
    }

    [Theory]
    [InlineData("a,b\n", "line 1: expected user,item,timestamp[,weight], found 2 fields")]
    [InlineData("a,b,1\na,b,yesterday\n", "line 2: the timestamp 'yesterday' is not Unix seconds")]
    [InlineData("a,b,1,-2\n", "line 1: the weight '-2' is not a positive number")]
    [InlineData("a,,1\n", "line 1: empty user or item")]
    public void Bad_lines_are_reported_with_their_number(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => InteractionCsv.Read(new StringReader(text)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void What_is_written_reads_back_the_same()
    {
        var log = Logs.Of(2, 2, (0, 1, 10), (1, 0, 20));
        var text = new StringWriter();

        InteractionCsv.Write(log, text);
        var back = InteractionCsv.Read(new StringReader(text.ToString()));

        Assert.Equal(["u0", "u1"], back.UserIds);
        Assert.Equal(["r1", "r0"], back.ItemIds);
        Assert.Equal([new Interaction(0, 0, 10, 1), new Interaction(1, 1, 20, 1)], back.Interactions);
    }
}
