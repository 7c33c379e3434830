using System.Globalization;
using System.Text.Json;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

[assembly: AssemblyFixture(typeof(ChatCloudSuite))]

namespace ChatCloud.Cli.Integration.Tests;

/// <summary>`chatcloud send` and `chatcloud tail` as processes against the booted suite, as scripts run them.</summary>
public sealed class ScriptModeTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string[] Tls(string account) =>
        ["--host", "127.0.0.1", "--port", suite.IrcTlsPort.ToString(CultureInfo.InvariantCulture), "--insecure", "--account", account];

    private string[] Plain(string account) =>
        ["--host", "127.0.0.1", "--plain", "--port", suite.IrcPort.ToString(CultureInfo.InvariantCulture), "--account", account];

    // Accounts are required: each test user is created once over IRC (REGISTER), as the edge's tests do.
    private async Task<string> AccountAsync(string nick)
    {
        await using var client = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await client.RegisterAsync(nick, Cancellation);
        await client.SendAsync("QUIT", Cancellation);
        return TestPassword(nick);
    }

    [Fact]
    public async Task Send_stores_a_message_that_tail_since_then_prints_and_tail_quits_cleanly_on_SIGTERM()
    {
        string room = "#script" + Guid.NewGuid().ToString("N")[..6];
        string sender = await AccountAsync("scripter");
        string tailer = await AccountAsync("tailer");
        await using var watcher = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await watcher.RegisterAsync("watcher", Cancellation);
        await watcher.SendAsync($"JOIN {room}", Cancellation);
        await watcher.ExpectAsync(line => Verb(line) == "366", Cancellation);
        string since = DateTimeOffset.UtcNow.AddSeconds(-2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        var sent = await CliProcess.RunAsync(sender, ["send", "--room", room, .. Tls("scripter"), "deploy finished"], Cancellation);
        var seen = await watcher.ExpectAsync(line => Verb(line) == "PRIVMSG", Cancellation);

        await using var tail = CliProcess.Start(tailer, ["tail", room, "--since", since, "--json", .. Plain("tailer")]);
        string history = await tail.OutputShowsAsync("deploy finished", Cancellation);
        var stored = JsonDocument.Parse(history.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]).RootElement;
        await watcher.ExpectAsync(line => Verb(line) == "JOIN" && line.StartsWith(":tailer!", StringComparison.Ordinal), Cancellation);
        await watcher.SendAsync($"PRIVMSG {room} :said while tailing", Cancellation);
        await tail.OutputShowsAsync("said while tailing", Cancellation);
        await tail.TerminateAsync();
        int tailExit = await tail.WaitForExitAsync(Cancellation);
        var quit = await watcher.ExpectAsync(line => Verb(line) == "QUIT", Cancellation);

        Assert.True(sent.ExitCode == 0, $"send exited {sent.ExitCode}: {sent.Stderr}");
        Assert.Contains("SHA-256 " + string.Join(':', suite.IrcCertificateHash.Chunk(2).Select(pair => new string(pair))), sent.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith($"PRIVMSG {room} :deploy finished", seen, StringComparison.Ordinal);
        Assert.Equal(("scripter", "scripter", room, "message", "deploy finished"), (
            stored.GetProperty("nick").GetString(), stored.GetProperty("account").GetString(), stored.GetProperty("room").GetString(),
            stored.GetProperty("kind").GetString(), stored.GetProperty("text").GetString()));
        Assert.Matches("^[a-z0-9]{26}$", stored.GetProperty("msgid").GetString()!);
        Assert.Equal(1, CountOf(tail.Stdout, "deploy finished"));
        Assert.Equal(0, tailExit);
        Assert.StartsWith(":tailer!", quit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tail_since_a_msgid_prints_only_what_came_after_it_as_text_lines()
    {
        string room = "#msgid" + Guid.NewGuid().ToString("N")[..6];
        string tailer = await AccountAsync("msgidtailer");
        await using var author = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await author.SendAsync("CAP REQ :message-tags echo-message", Cancellation);
        await author.RegisterAsync("author", Cancellation);
        await author.SendAsync($"JOIN {room}", Cancellation);
        await author.ExpectAsync(line => Verb(line) == "366", Cancellation);
        await author.SendAsync($"PRIVMSG {room} :before the mark", Cancellation);
        // With message-tags the echo starts with its tags, so Verb() does not see the command.
        var mark = await author.ExpectAsync(line => line.EndsWith($" PRIVMSG {room} :before the mark", StringComparison.Ordinal), Cancellation);
        string msgid = mark.Split(';', ' ').Select(tag => tag.TrimStart('@')).Single(tag => tag.StartsWith("msgid=", StringComparison.Ordinal))[6..];
        await author.SendAsync($"PRIVMSG {room} :after the mark", Cancellation);
        await author.ExpectAsync(line => line.EndsWith($" PRIVMSG {room} :after the mark", StringComparison.Ordinal), Cancellation);

        await using var tail = CliProcess.Start(tailer, ["tail", room, "--since", msgid, .. Plain("msgidtailer")]);
        string output = await tail.OutputShowsAsync("after the mark", Cancellation);
        await tail.TerminateAsync();

        Assert.Matches(@$"^\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{{3}}Z {room} <author> after the mark\r?$", output.Split('\n')[0]);
        Assert.DoesNotContain("before the mark", output, StringComparison.Ordinal);
        Assert.Equal(0, await tail.WaitForExitAsync(Cancellation));
    }

    [Fact]
    public async Task Exit_codes_say_what_went_wrong()
    {
        await AccountAsync("exitcodes");
        int closedPort = FreePorts.Take(1)[0];

        var wrongPassword = await CliProcess.RunAsync("not-the-password", ["send", "--room", "#x", .. Plain("exitcodes"), "hi"], Cancellation);
        var noServer = await CliProcess.RunAsync("pw", ["send", "--room", "#x", "--host", "127.0.0.1", "--plain", "--port", closedPort.ToString(CultureInfo.InvariantCulture), "--account", "a", "hi"], Cancellation);
        var usage = await CliProcess.RunAsync("pw", ["send", "hi"], Cancellation);
        var noPassword = await CliProcess.RunAsync(null, ["send", "--room", "#x", .. Plain("exitcodes"), "hi"], Cancellation);
        var version = await CliProcess.RunAsync(null, ["--version"], Cancellation);
        var help = await CliProcess.RunAsync(null, ["--help"], Cancellation);

        Assert.Equal(3, wrongPassword.ExitCode);
        Assert.Contains("SASL login refused", wrongPassword.Stderr, StringComparison.Ordinal);
        Assert.Equal(4, noServer.ExitCode);
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("send needs --room", usage.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, noPassword.ExitCode);
        Assert.Equal((0, "chatcloud 0.1.0"), (version.ExitCode, version.Stdout.Trim()));
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Exit codes:", help.Stdout, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}
