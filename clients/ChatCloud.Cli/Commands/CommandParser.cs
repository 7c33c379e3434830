namespace ChatCloud.Cli.Commands;

// Turns one line of input into a CommandResult. "/cmd args" runs a command; "//text" sends "/text";
// anything else is said in the current buffer. Never throws: bad input is a CommandError.
internal static class CommandParser
{
    public static CommandResult Parse(string input, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        if (input.Length == 0 || input.AsSpan().Trim().IsEmpty)
        {
            return new CommandError("Nothing to send.");
        }

        if (input[0] != '/' || input.StartsWith("//", StringComparison.Ordinal))
        {
            string text = input[0] == '/' ? input[1..] : input;
            return context.Target is { } target ? new Say(target, text) : new Unaddressed(text, Action: false);
        }

        string[] words = input[1..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return new CommandError("A command name follows the /; /help lists them.");
        }

        return CommandTable.Find(words[0]) is { } spec
            ? spec.Run(words[1..], context)
            : new CommandError($"Unknown command /{words[0]}; /help lists them.");
    }
}
