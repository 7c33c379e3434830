using ChatCloud.History.Rooms;
using Xunit;

namespace ChatCloud.History.Tests;

public sealed class MessageReferenceTests
{
    [Theory]
    [InlineData("msgid=01jdxyz", "01jdxyz", null)]
    [InlineData("timestamp=2026-11-25T12:00:00.123Z", null, "2026-11-25T12:00:00.1230000+00:00")]
    [InlineData("timestamp=2026-11-25T12:00:00Z", null, "2026-11-25T12:00:00.0000000+00:00")]
    public void Parses_the_two_reference_types(string text, string? msgid, string? time)
    {
        Assert.True(MessageReference.TryParse(text, out var reference));

        Assert.Equal(msgid, reference.MessageId);
        Assert.Equal(time, reference.Time?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("msgid=")]
    [InlineData("id=abc")]
    [InlineData("msgid=a,b")]
    [InlineData("timestamp=2026-11-25 12:00:00")]
    [InlineData("timestamp=2026-11-25T12:00:00.123+01:00")]
    [InlineData("timestamp=yesterday")]
    public void Refuses_anything_else(string text) => Assert.False(MessageReference.TryParse(text, out _));
}
