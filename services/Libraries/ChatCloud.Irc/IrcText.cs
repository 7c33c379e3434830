using System.Text;

namespace ChatCloud.Irc;

/// <summary>Fitting text into a line the server relays.</summary>
public static class IrcText
{
    /// <summary>
    /// The longest start of <paramref name="text"/> that fits as the trailing parameter of
    /// <c>:&lt;prefix&gt; &lt;command&gt; &lt;target&gt; :&lt;text&gt;\r\n</c> within 512 bytes, cut at a
    /// character boundary. A client's own line fits its 512 bytes, but the relayed line adds the
    /// source prefix; servers cut the text rather than refuse it (RFC 2812 §2.3, Modern IRC).
    /// </summary>
    public static string FitTrailing(string prefix, string command, string target, string text)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(text);
        // ":" prefix " " command " " target " :" text "\r\n"
        var overhead = 1 + Encoding.UTF8.GetByteCount(prefix) + 1 + Encoding.UTF8.GetByteCount(command) + 1
            + Encoding.UTF8.GetByteCount(target) + 2 + 2;
        var room = IrcLimits.MaxBodyBytes - overhead;
        if (room <= 0)
        {
            return "";
        }
        if (Encoding.UTF8.GetByteCount(text) <= room)
        {
            return text;
        }
        var used = 0;
        var end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > room)
            {
                break;
            }
            used += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }
        return text[..end];
    }
}
