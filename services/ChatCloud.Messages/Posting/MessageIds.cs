namespace ChatCloud.Messages.Posting;

/// <summary>
/// IRC <c>msgid</c> values: a version-7 UUID in 26 lowercase base32 characters. Unique without
/// coordination, sortable by creation time, and short on the wire (IRCv3 msgid leaves the format to us).
/// </summary>
public static class MessageIds
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32

    public static string New(TimeProvider timeProvider)
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.CreateVersion7(timeProvider.GetUtcNow()).TryWriteBytes(bytes, bigEndian: true, out _);
        Span<char> text = stackalloc char[26];
        var accumulator = 0;
        var bits = 0;
        var position = 0;
        foreach (var value in bytes)
        {
            accumulator = (accumulator << 8) | value;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text[position++] = Alphabet[(accumulator >> bits) & 31];
            }
        }
        text[position] = Alphabet[(accumulator << (5 - bits)) & 31];
        return new string(text);
    }
}
