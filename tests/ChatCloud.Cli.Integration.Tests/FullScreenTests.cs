using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Cli.Integration.Tests;

/// <summary>
/// The full-screen client in a real terminal (tmux): it signs in through its masked prompt, joins a
/// room, chats with a user on a second edge, survives the restart of its own edge, and shows what
/// that user said meanwhile exactly once.
/// </summary>
public sealed class FullScreenTests(ChatCloudSuite suite) : IDisposable
{
    private static readonly TimeSpan Screen = TimeSpan.FromSeconds(30);

    // Edge down and up again, plus the client's backoff (at most 16 s by then).
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(120);

    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("chatcloud-tui-");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signs_in_chats_survives_an_edge_restart_and_shows_what_was_missed_once()
    {
        string room = "#tui" + Guid.NewGuid().ToString("N")[..6];
        string password = TestPassword("tuiuser");
        await using (var creator = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation))
        {
            await creator.RegisterAsync("tuiuser", Cancellation);
            await creator.SendAsync("QUIT", Cancellation);
        }

        await using var second = await EdgeProcess.StartAsync(suite, Cancellation);
        await using var partner = await ConnectAsync(second.IrcPort, cancellationToken: Cancellation);
        await partner.SendAsync("CAP REQ :echo-message", Cancellation);
        await partner.RegisterAsync("tuipartner", Cancellation);
        await partner.SendAsync($"JOIN {room}", Cancellation);
        await partner.ExpectAsync(line => Verb(line) == "366", Cancellation);

        string port = suite.IrcTlsPort.ToString(CultureInfo.InvariantCulture);
        await using var terminal = await TmuxTerminal.StartAsync(
            $"env HOME={_home.FullName} XDG_CONFIG_HOME={_home.FullName}/.config TERM=xterm-256color " +
            $"dotnet {CliProcess.Dll} --host 127.0.0.1 --port {port} --insecure --account tuiuser",
            Cancellation);
        await terminal.ShowsAsync("Password for tuiuser:", Screen, Cancellation);
        await terminal.EnterAsync(password, Cancellation);
        var signedIn = await terminal.ShowsAsync(" Connected", Screen, Cancellation);

        // Typed at once, without waiting for the room's buffer: a line entered before the server's
        // JOIN arrives waits for the room instead of being refused in the server buffer.
        await terminal.EnterAsync($"/join {room}", Cancellation);
        await terminal.EnterAsync("hello from the terminal", Cancellation);
        await partner.ExpectAsync(line => Verb(line) == "JOIN" && line.StartsWith(":tuiuser!", StringComparison.Ordinal), Cancellation);
        // Shown at once (pending until stored): the line left the input, whatever the load.
        await terminal.ShowsAsync("hello from the terminal", Screen, Cancellation);
        var said = await partner.ExpectAsync(line => Verb(line) == "PRIVMSG" && line.StartsWith(":tuiuser!", StringComparison.Ordinal), Cancellation);
        await SayAsync(partner, room, "hello back, terminal");
        await terminal.ShowsAsync("hello back, terminal", Screen, Cancellation);

        await suite.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.TcpEdge, KnownResourceCommands.StopCommand, Cancellation)
            .WaitAsync(Deadlines.Stop, Cancellation);
        var down = await ScreenShowsAnyAsync(terminal, ["Disconnected", "WaitingToReconnect", "Connecting"]);
        await SayAsync(partner, room, "said while you were away");
        await SayAsync(partner, room, "and this too");
        await suite.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.TcpEdge, KnownResourceCommands.StartCommand, Cancellation)
            .WaitAsync(Deadlines.Boot, Cancellation);
        await suite.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.TcpEdge, Cancellation).WaitAsync(Deadlines.Boot, Cancellation);
        await terminal.ShowsAsync("and this too", Recovery, Cancellation);
        await SayAsync(partner, room, "welcome back");
        var after = await terminal.ShowsAsync("welcome back", Screen, Cancellation);

        await terminal.PressAsync("C-c", Cancellation);
        var quit = await partner.ExpectAsync(line => Verb(line) == "QUIT" && line.StartsWith(":tuiuser!", StringComparison.Ordinal), Cancellation);

        Assert.DoesNotContain(password, signedIn, StringComparison.Ordinal);
        Assert.Contains("tuiuser", signedIn, StringComparison.Ordinal);
        Assert.EndsWith($"PRIVMSG {room} :hello from the terminal", said, StringComparison.Ordinal);
        Assert.Contains(down.Word, down.Screen, StringComparison.Ordinal);
        foreach (string text in new[] { "hello from the terminal", "hello back, terminal", "said while you were away", "and this too", "welcome back" })
        {
            Assert.True(CountOf(after, text) == 1, $"'{text}' is shown {CountOf(after, text)} times:{Environment.NewLine}{after}");
        }

        Assert.Contains("tuipartner", after, StringComparison.Ordinal);
        Assert.Contains(":tuiuser!", quit, StringComparison.Ordinal);
    }

    public void Dispose() => _home.Delete(recursive: true);

    private static async Task SayAsync(IrcTestClient partner, string room, string text)
    {
        await partner.SendAsync($"PRIVMSG {room} :{text}", Cancellation);
        await partner.ExpectAsync(line => Verb(line) == "PRIVMSG" && line.EndsWith(text, StringComparison.Ordinal), Cancellation);
    }

    private static async Task<(string Word, string Screen)> ScreenShowsAnyAsync(TmuxTerminal terminal, string[] words)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        string screen = "";
        while (stopwatch.Elapsed < Screen)
        {
            screen = await terminal.ScreenAsync(Cancellation);
            if (words.FirstOrDefault(word => screen.Contains(word, StringComparison.Ordinal)) is { } word)
            {
                return (word, screen);
            }

            await Task.Delay(100, Cancellation);
        }

        throw new TimeoutException($"The screen never showed the connection lost. Screen:{Environment.NewLine}{screen}");
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}
