namespace ChatCloud.Irc;

public static partial class IrcParser
{
    // Commands clients send most often come back as one shared string instead of a new one per line.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KnownCommands =
        new HashSet<string>(
            [
                "PRIVMSG", "NOTICE", "TAGMSG", "PING", "PONG", "JOIN", "PART", "QUIT", "NICK", "USER", "PASS",
                "CAP", "AUTHENTICATE", "MODE", "TOPIC", "NAMES", "LIST", "WHO", "WHOIS", "WHOWAS", "KICK",
                "INVITE", "AWAY", "MONITOR", "CHATHISTORY", "MOTD", "LUSERS", "ISON", "USERHOST", "ERROR",
            ],
            StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    // Servers match commands case-insensitively; they are handed on in upper case, as Ergo's parser
    // does. The caller has checked that the bytes are ASCII letters or digits.
    private static string GetCommand(ReadOnlySpan<byte> command)
    {
        Span<char> chars = command.Length <= 32 ? stackalloc char[32] : new char[command.Length];
        chars = chars[..command.Length];
        for (int i = 0; i < command.Length; i++)
        {
            byte b = command[i];
            chars[i] = (char)(b is >= (byte)'a' and <= (byte)'z' ? b - ('a' - 'A') : b);
        }

        return KnownCommands.TryGetValue(chars, out string? known) ? known : new string(chars);
    }
}
