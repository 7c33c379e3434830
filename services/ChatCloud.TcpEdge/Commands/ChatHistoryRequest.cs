using System.Globalization;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>
/// A CHATHISTORY command, parsed and checked before anything is asked of the history service
/// (IRCv3 chathistory, "CHATHISTORY Command"):
/// <code>
/// CHATHISTORY LATEST &lt;target&gt; &lt;* | timestamp=… | msgid=…&gt; &lt;limit&gt;
/// CHATHISTORY BEFORE|AFTER|AROUND &lt;target&gt; &lt;timestamp=… | msgid=…&gt; &lt;limit&gt;
/// CHATHISTORY BETWEEN &lt;target&gt; &lt;timestamp=… | msgid=…&gt; &lt;timestamp=… | msgid=…&gt; &lt;limit&gt;
/// CHATHISTORY TARGETS &lt;timestamp=…&gt; &lt;timestamp=…&gt; &lt;limit&gt;
/// </code>
/// </summary>
public sealed record ChatHistoryRequest(string Subcommand, string? Target, string Reference, string? SecondReference, int Limit)
{
    /// <summary>Why a command was refused: the <c>INVALID_PARAMS</c> context and description the spec shows.</summary>
    public sealed record Refusal(IReadOnlyList<string> Context, string Description);

    private static readonly string[] TimestampFormats = ["yyyy-MM-dd'T'HH:mm:ss.fff'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'"];

    public static bool TryParse(IReadOnlyList<string> parameters, out ChatHistoryRequest request, out Refusal refusal)
    {
        request = null!;
        refusal = null!;
        var given = parameters[0];
        var subcommand = given.ToUpperInvariant();
        var expected = subcommand switch
        {
            "LATEST" or "BEFORE" or "AFTER" or "AROUND" or "TARGETS" => 4,
            "BETWEEN" => 5,
            _ => 0,
        };
        if (expected == 0)
        {
            refusal = new([given], "Unknown command");
            return false;
        }
        if (parameters.Count != expected)
        {
            refusal = new([given], parameters.Count < expected ? "Insufficient parameters" : "Too many parameters");
            return false;
        }
        var targets = subcommand == "TARGETS";
        var references = parameters.Skip(targets ? 1 : 2).Take(expected - (targets ? 2 : 3)).ToArray();
        foreach (var reference in references)
        {
            var star = reference == "*" && subcommand == "LATEST";
            if (!star && CheckReference(reference, timestampOnly: targets) is { } description)
            {
                refusal = new([given, reference], description);
                return false;
            }
        }
        var limitText = parameters[^1];
        if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1)
        {
            // A limit too large for an int still means "as many as you give".
            if (!(limitText.Length > 9 && limitText.All(char.IsAsciiDigit)))
            {
                refusal = new([given, limitText], "Invalid limit");
                return false;
            }
            limit = int.MaxValue;
        }
        request = new ChatHistoryRequest(subcommand, targets ? null : parameters[1], references[0],
            references.Length > 1 ? references[1] : null, Math.Min(limit, History.RoomHistoryLimits.MaxMessages));
        return true;
    }

    /// <summary>The time of a <c>timestamp=</c> reference; false for anything else.</summary>
    public static bool TryParseTime(string reference, out DateTimeOffset time)
    {
        time = default;
        return reference.StartsWith("timestamp=", StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParseExact(reference["timestamp=".Length..], TimestampFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    /// <summary>Null when <paramref name="reference"/> is a well-formed msgid= or timestamp=; otherwise what is wrong.</summary>
    private static string? CheckReference(string reference, bool timestampOnly)
    {
        if (reference.StartsWith("timestamp=", StringComparison.OrdinalIgnoreCase))
        {
            return DateTimeOffset.TryParseExact(reference["timestamp=".Length..], TimestampFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out _) ? null : "Invalid timestamp";
        }
        if (timestampOnly)
        {
            return "Invalid timestamp";
        }
        if (reference.StartsWith("msgid=", StringComparison.OrdinalIgnoreCase) && reference.Length > "msgid=".Length && reference.Length <= 70
            && reference.AsSpan().IndexOfAny(",;") < 0)
        {
            return null;
        }
        return "Invalid message reference";
    }
}
