using System.Buffers;
using System.Numerics;
using System.Text;

namespace ChatCloud.Irc;

// The grammar checks and the tag-value escaping shared by the parser and the writer, so that what one
// accepts the other can produce. Generic over byte (the wire) and char (strings being written).
internal static class IrcSyntax
{
    // IRCv3 message-tags, "Escaping values": ; SPACE \ CR LF are escaped, "all others" are themselves.
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(";\\ \r\n");

    // RFC 2812 §2.3.1: command = 1*letter / 3digit
    public static bool IsValidCommand<T>(ReadOnlySpan<T> command)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (command.IsEmpty)
        {
            return false;
        }

        if (command.Length == 3 && IsDigit(command[0]) && IsDigit(command[1]) && IsDigit(command[2]))
        {
            return true;
        }

        foreach (var c in command)
        {
            if (!IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    // IRCv3 message-tags: <key> ::= [ '+' ] [ <vendor> '/' ] <sequence of letters, digits, hyphens ('-')>
    // and <vendor> ::= <host>, taken here as letters, digits, hyphens and dots.
    public static bool IsValidTagKey<T>(ReadOnlySpan<T> key)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (!key.IsEmpty && int.CreateTruncating(key[0]) == '+')
        {
            key = key[1..];
        }

        int slash = key.IndexOf(T.CreateTruncating('/'));
        if (slash >= 0)
        {
            var vendor = key[..slash];
            if (vendor.IsEmpty)
            {
                return false;
            }

            foreach (var c in vendor)
            {
                if (!IsLetter(c) && !IsDigit(c) && int.CreateTruncating(c) is not ('-' or '.'))
                {
                    return false;
                }
            }

            key = key[(slash + 1)..];
        }

        if (key.IsEmpty)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!IsLetter(c) && !IsDigit(c) && int.CreateTruncating(c) != '-')
            {
                return false;
            }
        }

        return true;
    }

    public static string UnescapeTagValue(ReadOnlySpan<byte> escaped)
    {
        int backslash = escaped.IndexOf((byte)'\\');
        if (backslash < 0)
        {
            return Encoding.UTF8.GetString(escaped);
        }

        byte[]? rented = null;
        Span<byte> buffer = escaped.Length <= 256
            ? stackalloc byte[256]
            : (rented = ArrayPool<byte>.Shared.Rent(escaped.Length));
        try
        {
            escaped[..backslash].CopyTo(buffer);
            int written = backslash;
            for (int i = backslash; i < escaped.Length; i++)
            {
                byte b = escaped[i];
                if (b != (byte)'\\')
                {
                    buffer[written++] = b;
                    continue;
                }

                // "If a lone \ exists at the end of an escaped value ... there SHOULD be no output character."
                if (++i == escaped.Length)
                {
                    break;
                }

                // Unknown escapes drop the backslash (ircdocs msg-split: `value\1` reads `value1`).
                buffer[written++] = escaped[i] switch
                {
                    (byte)':' => (byte)';',
                    (byte)'s' => (byte)' ',
                    (byte)'r' => (byte)'\r',
                    (byte)'n' => (byte)'\n',
                    var other => other,
                };
            }

            // Escapes only ever replace ASCII bytes, so valid UTF-8 in stays valid UTF-8 out.
            return Encoding.UTF8.GetString(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // Each escaped character is one ASCII byte that becomes two.
    public static int GetEscapedByteCount(string value)
    {
        int escapes = 0;
        var rest = value.AsSpan();
        for (int i = rest.IndexOfAny(NeedsEscape); i >= 0; i = rest.IndexOfAny(NeedsEscape))
        {
            escapes++;
            rest = rest[(i + 1)..];
        }

        return Encoding.UTF8.GetByteCount(value) + escapes;
    }

    public static int WriteEscaped(string value, Span<byte> destination)
    {
        var rest = value.AsSpan();
        int written = 0;
        while (!rest.IsEmpty)
        {
            int special = rest.IndexOfAny(NeedsEscape);
            var plain = special < 0 ? rest : rest[..special];
            written += Encoding.UTF8.GetBytes(plain, destination[written..]);
            if (special < 0)
            {
                break;
            }

            destination[written++] = (byte)'\\';
            destination[written++] = rest[special] switch
            {
                ';' => (byte)':',
                ' ' => (byte)'s',
                '\r' => (byte)'r',
                '\n' => (byte)'n',
                _ => (byte)'\\',
            };
            rest = rest[(special + 1)..];
        }

        return written;
    }

    private static bool IsLetter<T>(T c)
        where T : unmanaged, IBinaryInteger<T> =>
        int.CreateTruncating(c) is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z');

    private static bool IsDigit<T>(T c)
        where T : unmanaged, IBinaryInteger<T> =>
        int.CreateTruncating(c) is >= '0' and <= '9';
}
