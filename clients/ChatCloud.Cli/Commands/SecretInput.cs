namespace ChatCloud.Cli.Commands;

// Lines that carry a password: masked in the input line while typed and never kept in the input
// history (docs/cli.md). Besides our own /register, the habits of other networks — /msg NickServ
// IDENTIFY, /ns, /pass, /oper — so a password typed out of habit is not kept either.
internal static class SecretInput
{
    private static readonly string[] Prefixes =
    [
        "/register ", "/msg nickserv ", "/msg ns ", "/query nickserv ", "/nickserv ", "/ns ", "/pass ", "/quote pass ", "/oper ",
    ];

    public static bool IsSecret(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.TrimStart();
        return Prefixes.Any(prefix => text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }
}
