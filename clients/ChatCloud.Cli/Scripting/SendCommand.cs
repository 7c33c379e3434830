using ChatCloud.Cli.App;
using ChatCloud.Cli.Irc;
using ChatCloud.Irc;

namespace ChatCloud.Cli.Scripting;

// `chatcloud send --room '#ops' 'text'`: join if it is a room, send, wait until the server has
// stored the message (its echo) or refused it, QUIT.
internal static class SendCommand
{
    public static async Task<int> RunAsync(ConnectionOptions options, string target, string text)
    {
        ScriptRun run;
        try
        {
            run = await ScriptRun.StartAsync(options);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return await ScriptRun.FailAsync(exception);
        }

        await using (run)
        {
            try
            {
                if (target.StartsWith('#') && await run.JoinAsync(target) is { } refusal)
                {
                    await Console.Error.WriteLineAsync($"chatcloud: {refusal}");
                    return ExitCodes.Refused;
                }

                string label = run.Client.NextLabel();
                string? batch = null;
                IrcMessage line;
                lock (run.Session)
                {
                    line = run.Session.Say(target, text, action: false, label);
                }

                bool labelled = line.TryGetTag("label", out _);
                var (ok, answer) = await run.WaitForAsync(
                    message =>
                    {
                        bool mine = message.TryGetTag("label", out var l) && l == label
                            || batch is not null && message.TryGetTag("batch", out var b) && b == batch;
                        if (!labelled)
                        {
                            // Without labels: the echo of our text, or an error about the target.
                            mine = message.Command is "PRIVMSG" or "FAIL" || message.Command is ['4', _, _];
                        }

                        if (!mine)
                        {
                            return null;
                        }

                        if (message.Command == "BATCH" && message.Parameters is [['+', .. var reference], ..])
                        {
                            batch = reference;
                            return null;
                        }

                        return message.Command is "PRIVMSG" or "ACK" ? true
                            : message.Command is "FAIL" || message.Command is ['4' or '5', _, _] ? false : null;
                    },
                    () => run.Client.SendAsync(line, run.Interrupted));
                if (!ok)
                {
                    await Console.Error.WriteLineAsync($"chatcloud: not sent: {string.Join(' ', answer.Parameters.Skip(1))}");
                    return ExitCodes.Refused;
                }

                return ExitCodes.Ok;
            }
            catch (Exception exception) when (exception is TimeoutException or IOException or InvalidOperationException)
            {
                return await ScriptRun.FailAsync(exception);
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Ok;
            }
        }
    }
}
