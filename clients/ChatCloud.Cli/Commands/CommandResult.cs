using ChatCloud.Irc;

namespace ChatCloud.Cli.Commands;

// What a line typed in the input asks for. The parser decides; the UI or a script carries it out.
internal abstract record CommandResult;

// Lines to send as they are (JOIN, WHOIS, MODE…).
internal sealed record SendLines(IReadOnlyList<IrcMessage> Lines) : CommandResult;

// A message to a room or a nick, shown as pending until echoed.
internal sealed record Say(string Target, string Text, bool Action = false) : CommandResult;

internal sealed record OpenQuery(string Nick, string? Text) : CommandResult;

internal sealed record CloseBuffer : CommandResult;

internal sealed record ShowText(string Text) : CommandResult;

// A local filter over the current buffer's lines (CHATHISTORY has no search).
internal sealed record SearchLines(string Text) : CommandResult;

internal sealed record Quit(string Reason) : CommandResult;

// Recommended rooms and people from the recommendations service (/suggest), over HTTP with the saved login's token.
internal sealed record ShowSuggestions(int Count) : CommandResult;

// REGISTER (IRCv3 draft/account-registration). Its text form leaves the password out, so it can
// never reach a log or the screen by way of ToString.
internal sealed record RegisterAccount(string Account, string Password, string? Email) : CommandResult
{
    public IrcMessage Line => new("REGISTER", Account, Email ?? "*", Password);

    public override string ToString() => $"RegisterAccount {{ Account = {Account}, Email = {Email} }}";
}

internal record CommandError(string Message) : CommandResult;

// Text (or a /me) typed where there is no room or query to say it to, such as the server buffer.
// An error, unless a /join is under way: then the text waits for the room (ChatController).
internal sealed record Unaddressed(string Text, bool Action) : CommandError(NoTargetMessage)
{
    public const string NoTargetMessage = "No room or query here: /join #room or /query <nick> first.";
}

// Where the input was typed: the current buffer's target (null in the server buffer) and the oldest
// msgid it shows, for /history.
internal sealed record CommandContext(string? Target, string? OldestMsgId = null);
