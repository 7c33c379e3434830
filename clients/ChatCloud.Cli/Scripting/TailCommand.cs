using System.Globalization;
using ChatCloud.Cli.App;
using ChatCloud.Cli.Irc;
using ChatCloud.Cli.Session;
using ChatCloud.Irc;

namespace ChatCloud.Cli.Scripting;

// `chatcloud tail '#ops' [--since <ISO time|msgid>] [--json]`: what was said after --since (paged
// through CHATHISTORY AFTER), then everything said live, until Ctrl-C or SIGTERM (then QUIT). A
// reconnection replays what was missed; the session's msgid dedupe keeps every line printed once.
internal static class TailCommand
{
    public static async Task<int> RunAsync(ConnectionOptions options, string room, string? since, bool json)
    {
        string? reference = since is null ? null : Reference(since);
        if (since is not null && reference is null)
        {
            await Console.Error.WriteLineAsync($"chatcloud: --since takes an ISO 8601 time or a msgid, not '{since}'.");
            return ExitCodes.Usage;
        }

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
            var output = Console.Out;
            run.Session.LineAdded += (buffer, line) =>
            {
                if (buffer.IsNamed(room) && line.Kind is LineKind.Message or LineKind.Action or LineKind.Notice)
                {
                    output.WriteLine(json ? LineFormat.Json(room, line) : LineFormat.Text(room, line));
                    output.Flush();
                }
            };
            try
            {
                if (await run.JoinAsync(room) is { } refusal)
                {
                    await Console.Error.WriteLineAsync($"chatcloud: {refusal}");
                    return ExitCodes.Refused;
                }

                if (reference is not null)
                {
                    await FetchAfterAsync(run, room, reference);
                }

                await Task.WhenAny(run.Running, Task.Delay(Timeout.Infinite, run.Interrupted));
                return run.Running is { IsFaulted: true, Exception.InnerException: { } failure } ? await ScriptRun.FailAsync(failure) : ExitCodes.Ok;
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

    // "msgid=…" or "timestamp=…" (IRCv3 chathistory), or null when it is neither.
    internal static string? Reference(string since)
    {
        if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return "timestamp=" + time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        return since.Length is > 0 and <= 64 && since.All(char.IsAsciiLetterOrDigit) ? "msgid=" + since : null;
    }

    // Pages of CHATHISTORY AFTER until one comes back short of the limit.
    private static async Task FetchAfterAsync(ScriptRun run, string room, string reference)
    {
        const int Limit = 100;
        while (true)
        {
            int count = 0;
            string? last = null;
            await run.WaitForAsync(
                message =>
                {
                    if (message.Command == "BATCH" && message.Parameters is [['-', ..], ..])
                    {
                        return true;
                    }

                    if (message.Command == "FAIL" && message.Parameters is ["CHATHISTORY", ..])
                    {
                        return false;
                    }

                    if (message.TryGetTag("batch", out _) && message.TryGetTag("msgid", out var msgid))
                    {
                        count++;
                        last = msgid;
                    }

                    return null;
                },
                () => run.Client.SendAsync(new IrcMessage("CHATHISTORY", "AFTER", room, reference, Limit.ToString(CultureInfo.InvariantCulture)), run.Interrupted));
            if (count < Limit || last is null)
            {
                return;
            }

            reference = "msgid=" + last;
        }
    }
}
