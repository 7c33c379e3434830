using System.Text;

namespace ChatCloud.Irc;

// Adds a tag to a line already written, for a line shared by many recipients that one of them must
// get with a tag of its own (IRCv3 labeled-response's label, batch's batch=) without writing the
// message again. Tag order carries no meaning (IRCv3 message-tags), so the tag goes first.
public static class IrcLineTags
{
    public static byte[] Add(ReadOnlySpan<byte> line, IrcTag tag)
    {
        var keyBytes = Encoding.UTF8.GetByteCount(tag.Key);
        var valueBytes = tag.HasValue ? 1 + IrcSyntax.GetEscapedByteCount(tag.Value) : 0;
        var tagged = line.Length > 0 && line[0] == (byte)'@';
        // "@key=value" then ';' before the line's own tags, or ' ' before an untagged line.
        var result = new byte[1 + keyBytes + valueBytes + 1 + line.Length - (tagged ? 1 : 0)];
        var at = 0;
        result[at++] = (byte)'@';
        at += Encoding.UTF8.GetBytes(tag.Key, result.AsSpan(at));
        if (tag.HasValue)
        {
            result[at++] = (byte)'=';
            at += IrcSyntax.WriteEscaped(tag.Value, result.AsSpan(at));
        }
        result[at++] = tagged ? (byte)';' : (byte)' ';
        line[(tagged ? 1 : 0)..].CopyTo(result.AsSpan(at));
        return result;
    }

    /// <summary>Whether the written line carries a tag named <paramref name="key"/>.</summary>
    public static bool Has(ReadOnlySpan<byte> line, string key)
    {
        if (line.IsEmpty || line[0] != (byte)'@')
        {
            return false;
        }
        var end = line.IndexOf((byte)' ');
        var section = line[1..(end < 0 ? line.Length : end)];
        Span<byte> name = stackalloc byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        name = name[..Encoding.UTF8.GetBytes(key, name)];
        while (!section.IsEmpty)
        {
            var next = section.IndexOf((byte)';');
            var item = next < 0 ? section : section[..next];
            var equals = item.IndexOf((byte)'=');
            if ((equals < 0 ? item : item[..equals]).SequenceEqual(name))
            {
                return true;
            }
            section = next < 0 ? [] : section[(next + 1)..];
        }
        return false;
    }
}
