using System.Buffers;
using System.Text;

namespace ChatCloud.Irc;

// Case-insensitive comparison of nicknames and channel names, and their validation.
// rfc1459 (RPL_ISUPPORT CASEMAPPING=rfc1459), as Modern IRC defines it: "Same as 'ascii', with the
// addition of the characters '{', '}', '|', and '^' being considered the lower-case equivalents of the
// characters '[', ']', '\', and '~' respectively" (RFC 1459 §2.2 traces the first three to IRC's
// Scandinavian origin). Every other character, non-ASCII included, is left as it is.
public sealed class IrcCaseMapping : IEqualityComparer<string>
{
    private const int StackFoldLimit = 256;

    private static readonly SearchValues<char> NotInChannelNames = SearchValues.Create(" ,\a\0\r\n");

    private readonly char[] _fold;

    private IrcCaseMapping(string name, string upper, string lower)
    {
        Name = name;
        _fold = new char[128];
        for (int c = 0; c < _fold.Length; c++)
        {
            _fold[c] = (char)c;
        }

        for (int i = 0; i < upper.Length; i++)
        {
            _fold[upper[i]] = lower[i];
        }
    }

    public static IrcCaseMapping Rfc1459 { get; } =
        new("rfc1459", "ABCDEFGHIJKLMNOPQRSTUVWXYZ[]\\~", "abcdefghijklmnopqrstuvwxyz{}|^");

    // The token advertised as CASEMAPPING in RPL_ISUPPORT.
    public string Name { get; }

    public char Fold(char c) => c < _fold.Length ? _fold[c] : c;

    // The canonical (lower-case) key for dictionaries; returns the same string when nothing changes.
    public string Fold(string value)
    {
        if (!NeedsFolding(value))
        {
            return value;
        }

        return string.Create(value.Length, (value, mapping: this), static (span, state) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = state.mapping.Fold(state.value[i]);
            }
        });
    }

    public bool Equals(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null || x.Length != y.Length)
        {
            return false;
        }

        for (int i = 0; i < x.Length; i++)
        {
            if (Fold(x[i]) != Fold(y[i]))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(string obj)
    {
        if (obj.Length > StackFoldLimit)
        {
            return string.GetHashCode(Fold(obj), StringComparison.Ordinal);
        }

        Span<char> folded = stackalloc char[StackFoldLimit];
        folded = folded[..obj.Length];
        for (int i = 0; i < obj.Length; i++)
        {
            folded[i] = Fold(obj[i]);
        }

        return string.GetHashCode(folded, StringComparison.Ordinal);
    }

    // Modern IRC, "Clients": nicknames "MUST NOT contain any of the following characters: space (' ',
    // 0x20), comma (',', 0x2C), asterisk ('*', 0x2A), question mark ('?', 0x3F), exclamation mark ('!',
    // 0x21), at sign ('@', 0x40)"; "MUST NOT start with any of the following characters: dollar ('$',
    // 0x24), colon (':', 0x3A)", nor with a channel type or membership prefix ('#', '&', '~', '@', '%',
    // '+'); and "SHOULD NOT contain any dot character ('.', 0x2E)". A leading digit or '-' is refused as
    // RFC 2812's nickname grammar does. Only printable ASCII is allowed: rfc1459 folds nothing else, so
    // "É" and "é" would be two people, and look-alike letters would allow impersonation.
    public static bool IsValidNickname(string? nickname, int maxLength = 30)
    {
        if (string.IsNullOrEmpty(nickname) || nickname.Length > maxLength)
        {
            return false;
        }

        char first = nickname[0];
        if (first is '$' or ':' or '#' or '&' or '~' or '%' or '+' or '-' || char.IsAsciiDigit(first))
        {
            return false;
        }

        foreach (char c in nickname)
        {
            if (c is <= ' ' or >= '\u007f' or ',' or '*' or '?' or '!' or '@' or '.')
            {
                return false;
            }
        }

        return true;
    }

    // Modern IRC, "Channels": apart from the type prefix ('#' is the only one this server has) "the only
    // restriction on a channel name is that it may not contain any spaces (' ', 0x20), a control G / BELL
    // ('^G', 0x07), or a comma (',', 0x2C)". NUL, CR and LF cannot travel in a parameter at all. The
    // length counts UTF-8 bytes, as CHANNELLEN does on the wire.
    public static bool IsValidChannelName(string? channel, int maxLength = 50)
    {
        if (channel is null || channel.Length < 2 || channel[0] != '#' || channel.Length > maxLength)
        {
            return false;
        }

        if (channel.AsSpan().ContainsAny(NotInChannelNames))
        {
            return false;
        }

        return Encoding.UTF8.GetByteCount(channel) <= maxLength;
    }

    private bool NeedsFolding(string value)
    {
        foreach (char c in value)
        {
            if (Fold(c) != c)
            {
                return true;
            }
        }

        return false;
    }
}
