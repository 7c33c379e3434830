using System.Globalization;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Delivery;

/// <summary>
/// How a stored message is written to a client, live or from history, so both carry the same
/// <c>msgid</c> and <c>time</c>. Which tags a line carries depends on the client's capabilities:
/// <c>time</c> with server-time; <c>msgid</c> and the author's client-only tags with message-tags;
/// <c>batch</c> inside a batch; <c>account</c> with account-tag when the author was logged in
/// (IRCv3 message-tags, message-ids, server-time, batch, account-tag).
/// </summary>
public static class StoredMessageLine
{
    /// <summary>The capabilities that change a stored message's line; recipients with the same ones share the bytes.</summary>
    public const Capabilities Variants = Capabilities.ServerTime | Capabilities.MessageTags | Capabilities.AccountTag;

    /// <summary>How many <see cref="Slot"/> values there are.</summary>
    public const int Slots = 16;

    /// <summary>
    /// A small index per combination of the capabilities that change a line (these and extended-join
    /// for events), so a fan-out writes each variant once: the flags themselves are too far apart to index by.
    /// </summary>
    public static int Slot(Capabilities capabilities) =>
        (capabilities.HasFlag(Capabilities.ServerTime) ? 1 : 0) | (capabilities.HasFlag(Capabilities.MessageTags) ? 2 : 0)
        | (capabilities.HasFlag(Capabilities.AccountTag) ? 4 : 0) | (capabilities.HasFlag(Capabilities.ExtendedJoin) ? 8 : 0);

    public static IrcMessage Create(
        string prefix, string kind, string room, string text, string msgid, DateTimeOffset time,
        IReadOnlyDictionary<string, string>? clientTags, Capabilities capabilities, string? batch = null, string? account = null)
    {
        var message = new IrcMessage(prefix, kind, [room, text]);
        var withTags = capabilities.HasFlag(Capabilities.MessageTags);
        var withTime = capabilities.HasFlag(Capabilities.ServerTime);
        var withAccount = account is not null && capabilities.HasFlag(Capabilities.AccountTag);
        if (!withTags && !withTime && !withAccount && batch is null)
        {
            return message;
        }
        // In the order the chathistory spec's examples use: batch, msgid, time, then account, then client-only tags.
        var tags = new List<IrcTag>(3 + (withTags ? clientTags?.Count ?? 0 : 0));
        if (batch is not null)
        {
            tags.Add(new IrcTag("batch", batch));
        }
        if (withTags)
        {
            tags.Add(new IrcTag("msgid", msgid));
        }
        if (withTime)
        {
            tags.Add(new IrcTag("time", ServerTime(time)));
        }
        if (withAccount)
        {
            tags.Add(new IrcTag("account", account!));
        }
        if (withTags && clientTags is not null)
        {
            foreach (var (key, value) in clientTags.OrderBy(tag => tag.Key, StringComparer.Ordinal))
            {
                // Only client-only tags were stored; a key without '+' is never relayed as if the server set it.
                if (key.StartsWith('+'))
                {
                    tags.Add(new IrcTag(key, value));
                }
            }
        }
        return message.WithTags(tags);
    }

    /// <summary>A line with the server's tags only (<c>batch</c>, <c>msgid</c>, <c>time</c>) as the capabilities ask: room events.</summary>
    public static IrcMessage WithServerTags(
        IrcMessage message, string msgid, DateTimeOffset time, Capabilities capabilities, string? batch = null, string? account = null)
    {
        var withTags = capabilities.HasFlag(Capabilities.MessageTags);
        var withTime = capabilities.HasFlag(Capabilities.ServerTime);
        var withAccount = account is not null && capabilities.HasFlag(Capabilities.AccountTag);
        if (!withTags && !withTime && !withAccount && batch is null)
        {
            return message;
        }
        List<IrcTag> tags = [];
        if (batch is not null)
        {
            tags.Add(new IrcTag("batch", batch));
        }
        if (withTags)
        {
            tags.Add(new IrcTag("msgid", msgid));
        }
        if (withTime)
        {
            tags.Add(new IrcTag("time", ServerTime(time)));
        }
        if (withAccount)
        {
            tags.Add(new IrcTag("account", account!));
        }
        return message.WithTags(tags);
    }

    /// <summary>IRCv3 server-time: <c>YYYY-MM-DDThh:mm:ss.sssZ</c>, always UTC.</summary>
    public static string ServerTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);
}
