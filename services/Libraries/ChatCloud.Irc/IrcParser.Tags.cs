using System.Text;

namespace ChatCloud.Irc;

public static partial class IrcParser
{
    // Above this many tags, finding an earlier occurrence of a key uses a dictionary, so a line packed
    // with thousands of one-letter tags costs linear time, not quadratic.
    private const int LinearTagSearchLimit = 16;

    // tags ::= tag *(';' tag), tag ::= key ['=' escaped-value]. An invalid key rejects the line: the
    // server would otherwise relay a tag it could not write back out.
    private static IrcParseError ParseTags(ReadOnlySpan<byte> tagData, out IReadOnlyList<IrcTag>? tags)
    {
        tags = null;
        var list = new List<IrcTag>();
        Dictionary<string, int>? indexByKey = null;
        foreach (var range in tagData.Split((byte)';'))
        {
            var item = tagData[range];
            int equals = item.IndexOf((byte)'=');
            var key = equals < 0 ? item : item[..equals];
            if (!IrcSyntax.IsValidTagKey(key))
            {
                return IrcParseError.InvalidTagKey;
            }

            var tag = new IrcTag(
                Encoding.ASCII.GetString(key),
                equals < 0 ? string.Empty : IrcSyntax.UnescapeTagValue(item[(equals + 1)..]));
            AddOrReplace(list, ref indexByKey, tag);
        }

        tags = list;
        return IrcParseError.None;
    }

    // IRCv3: "Clients receiving messages with more than one occurrence of a tag key SHOULD discard all
    // but the final occurrence." The final value takes the first occurrence's place.
    private static void AddOrReplace(List<IrcTag> tags, ref Dictionary<string, int>? indexByKey, IrcTag tag)
    {
        int existing = indexByKey is not null ? indexByKey.GetValueOrDefault(tag.Key, -1) : IndexOfKey(tags, tag.Key);
        if (existing >= 0)
        {
            tags[existing] = tag;
            return;
        }

        tags.Add(tag);
        if (indexByKey is not null)
        {
            indexByKey[tag.Key] = tags.Count - 1;
        }
        else if (tags.Count > LinearTagSearchLimit)
        {
            indexByKey = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < tags.Count; i++)
            {
                indexByKey[tags[i].Key] = i;
            }
        }
    }

    private static int IndexOfKey(List<IrcTag> tags, string key)
    {
        for (int i = 0; i < tags.Count; i++)
        {
            if (string.Equals(tags[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
