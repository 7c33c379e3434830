using System.Globalization;
using ChatCloud.Irc;

namespace ChatCloud.Cli.Commands;

// One table of slash commands: name, syntax, help, and what it turns into (as Ergo's commands.go).
internal sealed record CommandSpec(string Name, string Syntax, string Help, Func<string[], CommandContext, CommandResult> Run);

internal static class CommandTable
{
    public const int MaxHistory = 100;

    // The recommendations API's bound on count (docs/ml.md).
    public const int MaxSuggestions = 20;

    public static readonly IReadOnlyList<CommandSpec> All =
    [
        new("join", "/join <#room>[,<#room>…] [key]", "Join rooms; each gets a buffer.", (a, _) =>
            a.Length == 0 ? Usage("join") : a[0].Split(',').All(IsRoom) ? Lines(new IrcMessage("JOIN", [.. a.Take(2)])) : new CommandError("Room names start with #, e.g. /join #general.")),
        new("part", "/part [#room] [reason]", "Leave the current room, or the one named.", (a, c) =>
            RoomAndRest(a, c) is var (room, rest) ? Lines(new IrcMessage("PART", rest.Length > 0 ? [room, rest] : [room])) : NotInRoom()),
        new("msg", "/msg <nick|#room> <text>", "Send a message to a nick or a room.", (a, _) =>
            a.Length < 2 ? Usage("msg") : new Say(a[0], string.Join(' ', a[1..]))),
        new("query", "/query <nick> [text]", "Open a direct-message buffer with a nick, optionally saying something.", (a, _) =>
            a.Length == 0 || IsRoom(a[0]) ? Usage("query") : new OpenQuery(a[0], a.Length > 1 ? string.Join(' ', a[1..]) : null)),
        new("me", "/me <action>", "Describe an action in the current buffer (CTCP ACTION).", (a, c) =>
            a.Length == 0 ? Usage("me") : c.Target is null ? new Unaddressed(string.Join(' ', a), Action: true) : new Say(c.Target, string.Join(' ', a), Action: true)),
        new("topic", "/topic [#room] [text]", "Show the topic, or set it to text.", (a, c) =>
            RoomAndRest(a, c) is var (room, rest) ? Lines(new IrcMessage("TOPIC", rest.Length > 0 ? [room, rest] : [room])) : NotInRoom()),
        new("names", "/names [#room]", "List who is in the room.", (a, c) =>
            RoomAndRest(a, c) is var (room, _) ? Lines(new IrcMessage("NAMES", room)) : NotInRoom()),
        new("who", "/who <mask|#room>", "Who matches a mask, or is in a room.", (a, c) =>
            a.Length > 0 ? Lines(new IrcMessage("WHO", a[0])) : c.Target is { } t ? Lines(new IrcMessage("WHO", t)) : Usage("who")),
        new("whois", "/whois <nick>", "Details of a user: account, rooms, idle time.", (a, _) =>
            a.Length == 0 ? Usage("whois") : Lines(new IrcMessage("WHOIS", a[0]))),
        new("list", "/list [pattern]", "List the rooms of the server.", (a, _) =>
            Lines(a.Length == 0 ? new IrcMessage("LIST") : new IrcMessage("LIST", a[0]))),
        new("away", "/away [message]", "Mark yourself away with a message; without one, back.", (a, _) =>
            Lines(a.Length == 0 ? new IrcMessage("AWAY") : new IrcMessage("AWAY", string.Join(' ', a)))),
        new("history", $"/history [count]", $"Fetch up to count (1–{MaxHistory}, default 50) older lines of this buffer from the server (CHATHISTORY).", History),
        new("search", "/search <text>", "Show the lines of this buffer that contain text (a local filter: the server offers no search).", (a, _) =>
            a.Length == 0 ? Usage("search") : new SearchLines(string.Join(' ', a))),
        new("suggest", $"/suggest [count]", $"Show recommended rooms to join and people to talk to, with the reason for each (1–{MaxSuggestions}, default 5; needs chatcloud login).", Suggest),
        new("invite", "/invite <nick> [#room]", "Invite a nick to the current room, or the one named.", (a, c) =>
            a.Length == 0 ? Usage("invite") : (a.Length > 1 ? a[1] : c.Target) is { } room && IsRoom(room) ? Lines(new IrcMessage("INVITE", a[0], room)) : NotInRoom()),
        new("kick", "/kick <nick> [reason]", "Remove a nick from the current room (operators only).", (a, c) =>
            a.Length == 0 ? Usage("kick") : c.Target is { } room && IsRoom(room)
                ? Lines(new IrcMessage("KICK", a.Length > 1 ? [room, a[0], string.Join(' ', a[1..])] : [room, a[0]])) : NotInRoom()),
        new("mode", "/mode [target] [modes [args…]]", "Show or change modes of the current room, a room, or yourself.", Mode),
        new("nick", "/nick <new nick>", "Change your nick.", (a, _) =>
            a.Length != 1 ? Usage("nick") : IrcCaseMapping.IsValidNickname(a[0]) ? Lines(new IrcMessage("NICK", a[0])) : new CommandError($"'{a[0]}' is not a valid nick.")),
        new("register", "/register <account> <password> [email]",
            "Create an account and sign in to it (REGISTER). The line is masked while typed and never kept in the input history; '*' as the account means your nick.",
            (a, _) => Register(a)),
        new("close", "/close", "Close the current direct-message buffer (in a room: part it first).", (_, _) => new CloseBuffer()),
        new("quit", "/quit [reason]", "Leave the server (QUIT) and exit.", (a, _) => new Quit(a.Length == 0 ? "Leaving" : string.Join(' ', a))),
        new("help", "/help [command]", "List the commands, or show one's syntax.", (a, _) => new ShowText(Help(a.Length > 0 ? a[0] : null))),
    ];

    public static CommandSpec? Find(string name) =>
        All.FirstOrDefault(spec => string.Equals(spec.Name, name.TrimStart('/'), StringComparison.OrdinalIgnoreCase));

    public static string Help(string? name)
    {
        if (name is null)
        {
            return "Commands: " + string.Join(' ', All.Select(spec => "/" + spec.Name)) + ". /help <command> for one. Text without / goes to the current buffer.";
        }

        return Find(name) is { } spec ? $"{spec.Syntax} — {spec.Help}" : $"No command /{name.TrimStart('/')}; /help lists them.";
    }

    public static bool IsRoom(string name) => name.Length > 1 && name[0] == '#';

    private static CommandResult History(string[] a, CommandContext c)
    {
        int count = 50;
        if (a.Length > 0 && (!int.TryParse(a[0], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxHistory))
        {
            return new CommandError($"The count is a number from 1 to {MaxHistory}.");
        }

        if (c.Target is not { } target)
        {
            return NoTarget();
        }

        string limit = count.ToString(CultureInfo.InvariantCulture);
        return Lines(c.OldestMsgId is { } oldest
            ? new IrcMessage("CHATHISTORY", "BEFORE", target, "msgid=" + oldest, limit)
            : new IrcMessage("CHATHISTORY", "LATEST", target, "*", limit));
    }

    private static CommandResult Suggest(string[] a, CommandContext c)
    {
        int count = 5;
        if (a.Length > 1 || (a.Length == 1 && (!int.TryParse(a[0], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxSuggestions)))
        {
            return new CommandError($"Usage: /suggest [count], count a number from 1 to {MaxSuggestions}.");
        }

        return new ShowSuggestions(count);
    }

    // Checks what the client can (the edge has the last word: docs/protocol.md, Accounts).
    private static CommandResult Register(string[] a)
    {
        if (a.Length is < 2 or > 3)
        {
            return Usage("register");
        }

        if (a[0] != "*" && !IrcCaseMapping.IsValidNickname(a[0]))
        {
            return new CommandError($"'{a[0]}' is not a valid account name (account names follow the rules of nicks).");
        }

        if (a[1].Length is < 8 or > 256)
        {
            return new CommandError("A password has 8 to 256 characters.");
        }

        if (a.Length == 3 && (a[2].IndexOf('@', StringComparison.Ordinal) is <= 0 || a[2].EndsWith('@')))
        {
            return new CommandError($"'{a[2]}' is not an email address.");
        }

        return new RegisterAccount(a[0], a[1], a.Length == 3 ? a[2] : null);
    }

    private static CommandResult Mode(string[] a, CommandContext c)
    {
        // "/mode +i" means the current room; "/mode #room", "/mode alice +i" name the target.
        if (a.Length > 0 && a[0] is not ['+' or '-', ..])
        {
            return Lines(new IrcMessage("MODE", a));
        }

        return c.Target is { } target ? Lines(new IrcMessage("MODE", [target, .. a])) : Usage("mode");
    }

    private static (string Room, string Text)? RoomAndRest(string[] a, CommandContext c)
    {
        if (a.Length > 0 && IsRoom(a[0]))
        {
            return (a[0], string.Join(' ', a[1..]));
        }

        return c.Target is { } target && IsRoom(target) ? (target, string.Join(' ', a)) : null;
    }

    private static SendLines Lines(params IrcMessage[] lines) => new(lines);

    private static CommandError Usage(string name) => new($"Usage: {Find(name)!.Syntax}");

    private static CommandError NotInRoom() => new("Not in a room here: name one (#room) or switch to its buffer.");

    private static CommandError NoTarget() => new(Unaddressed.NoTargetMessage);
}
