using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ChatCloud.History.Rooms;

/// <summary>
/// A message reference as CHATHISTORY writes it (IRCv3 chathistory, "MSGREFTYPES"):
/// <c>msgid=&lt;id&gt;</c> or <c>timestamp=YYYY-MM-DDThh:mm:ss.sssZ</c>. The HTTP API takes the
/// same text, so the edge passes what the client wrote.
/// </summary>
public readonly record struct MessageReference(string? MessageId, DateTimeOffset? Time)
{
    /// <summary>msgids are 26 characters here; anything longer cannot be one of ours.</summary>
    public const int MaxMessageIdLength = 64;

    private static readonly System.Buffers.SearchValues<char> NotInMessageIds = System.Buffers.SearchValues.Create(" ,;\0\r\n");

    // server-time's format; a client that leaves out the milliseconds is understood too.
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd'T'HH:mm:ss.fff'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'"];

    public static bool TryParse([NotNullWhen(true)] string? text, out MessageReference reference)
    {
        reference = default;
        if (text is null)
        {
            return false;
        }
        if (text.StartsWith("msgid=", StringComparison.OrdinalIgnoreCase))
        {
            var id = text["msgid=".Length..];
            if (id.Length is 0 or > MaxMessageIdLength || id.AsSpan().ContainsAny(NotInMessageIds))
            {
                return false;
            }
            reference = new MessageReference(id, null);
            return true;
        }
        if (text.StartsWith("timestamp=", StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParseExact(text["timestamp=".Length..], TimestampFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            reference = new MessageReference(null, time);
            return true;
        }
        return false;
    }

    public bool IsMessageId => MessageId is not null;
}
