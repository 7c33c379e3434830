using ChatCloud.History.Search;
using Xunit;

namespace ChatCloud.History.Tests;

public sealed class SearchQueryTests
{
    [Fact]
    public void A_query_is_trimmed_its_room_folded_and_its_limit_bounded()
    {
        Assert.True(SearchQuery.TryParse("  brown fox ", "#Foxes[1]", "500", null, out var query, out var problem));

        Assert.Null(problem);
        Assert.Equal(new SearchQuery("brown fox", "#foxes{1}", SearchQuery.MaxLimit, null), query);
    }

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData("x", null, null, null)]
    [InlineData("two\nlines", null, null, null)]
    [InlineData("fox", "nohash", null, null)]
    [InlineData("fox", null, "0", null)]
    [InlineData("fox", null, "many", null)]
    [InlineData("fox", null, null, "not-a-cursor")]
    [InlineData("fox", null, null, "MTIzOg")] // "123:" — no msgid
    public void Bad_input_is_a_problem_not_a_query(string? q, string? room, string? limit, string? before)
    {
        Assert.False(SearchQuery.TryParse(q, room, limit, before, out var query, out var problem));

        Assert.Null(query);
        Assert.NotNull(problem);
        Assert.Equal(400, problem.StatusCode);
    }

    [Fact]
    public void A_cursor_comes_back_as_it_was_given()
    {
        var cursor = new SearchCursor(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero).AddTicks(1234560), "01jdx:yz");

        Assert.True(SearchCursor.TryDecode(cursor.Encode(), out var decoded));
        Assert.Equal(cursor, decoded);
        Assert.True(SearchQuery.TryParse("fox", null, null, cursor.Encode(), out var query, out _));
        Assert.Equal(cursor, query!.Before);
    }

    [Fact]
    public void Longer_text_than_allowed_is_refused()
    {
        Assert.False(SearchQuery.TryParse(new string('a', SearchQuery.MaxLength + 1), null, null, null, out _, out _));
        Assert.True(SearchQuery.TryParse(new string('a', SearchQuery.MaxLength), null, null, null, out _, out _));
    }
}
