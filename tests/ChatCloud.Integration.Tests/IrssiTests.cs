using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// A stock client, Debian's irssi, driven in tmux as a person would: it connects over TLS (pinning
/// the development certificate), logs in with SASL PLAIN, joins a room and chats with another user.
/// </summary>
public sealed class IrssiTests(ChatCloudSuite suite) : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("chatcloud-irssi-");
    private readonly string _tmux = $"irssi-{Guid.NewGuid():N}"[..16];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Irssi_connects_over_TLS_with_SASL_PLAIN_joins_a_room_and_chats()
    {
        var fingerprint = string.Join(':', suite.IrcCertificateHash.Chunk(2).Select(pair => new string(pair)));
        const string Password = "irssi-own-password";
        using (var auth = await suite.App.CreateServiceClientAsync(ResourceNames.Auth, Cancellation))
        {
            using var created = await auth.PostAsJsonAsync("/accounts", new { name = "irssiuser", password = Password }, Cancellation)
                .WaitAsync(Deadlines.Request, Cancellation);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        await using var partner = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await partner.RegisterAsync("partner", Cancellation);
        await partner.SendAsync("JOIN #irssi", Cancellation);
        await partner.ExpectAsync(line => Verb(line) == "366", Cancellation);

        await Tmux("new-session", "-d", "-s", _tmux, "-x", "160", "-y", "40", $"irssi --home={_home.FullName} -n irssiuser");
        await ScreenShowsAsync("Irssi");
        // As a user sets irssi up for a network with SASL (irssi's /help network and /help server).
        // /server add verifies certificates against the CAs by default; the pin is the trust here.
        await Tmux("send-keys", "-t", _tmux, $"/network add -sasl_mechanism plain -sasl_username irssiuser -sasl_password {Password} ChatCloud", "Enter");
        await Tmux("send-keys", "-t", _tmux, $"/server add -network ChatCloud -tls -notls_verify -tls_pinned_cert {fingerprint} 127.0.0.1 {suite.IrcTlsPort}", "Enter");
        await Tmux("send-keys", "-t", _tmux, "/connect ChatCloud", "Enter");
        // An account is required: the welcome proves the SASL login, which irssi reports first.
        await ScreenShowsAsync("You are now logged in as irssiuser");
        await ScreenShowsAsync("Welcome to the ChatCloud Network");
        await Tmux("send-keys", "-t", _tmux, "/join #irssi", "Enter");
        var joined = await partner.ExpectAsync(line => line.StartsWith(":irssiuser!", StringComparison.Ordinal) && Verb(line) == "JOIN", Cancellation);
        await Tmux("send-keys", "-t", _tmux, "hello from irssi", "Enter");
        var said = await partner.ExpectAsync(line => Verb(line) == "PRIVMSG", Cancellation);
        await partner.SendAsync("PRIVMSG #irssi :hello back, irssi", Cancellation);
        var screen = await ScreenShowsAsync("hello back, irssi");

        // irssi sends the system user's name as its USER name.
        Assert.Matches(@"^:irssiuser!~[^@ ]+@user/irssiuser JOIN #irssi$", joined);
        Assert.Matches(@"^:irssiuser!~[^@ ]+@user/irssiuser PRIVMSG #irssi :hello from irssi$", said);
        Assert.Contains("partner", screen, StringComparison.Ordinal);
    }

    private async Task<string> ScreenShowsAsync(string text)
    {
        var screen = "";
        for (var attempt = 0; attempt < 150; attempt++)
        {
            screen = await Tmux("capture-pane", "-p", "-t", _tmux);
            if (screen.Contains(text, StringComparison.Ordinal))
            {
                return screen;
            }
            await Task.Delay(200, Cancellation);
        }
        throw new InvalidOperationException($"irssi never showed '{text}'. Screen:{Environment.NewLine}{screen}");
    }

    private static async Task<string> Tmux(params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Cancellation);
        await process.WaitForExitAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        return output;
    }

    public void Dispose()
    {
        using (var kill = Process.Start("tmux", ["kill-session", "-t", _tmux]))
        {
            kill.WaitForExit(5000);
        }
        // irssi may still be saving its settings for a moment after its terminal went away.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _home.Delete(recursive: true);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(250);
            }
        }
    }
}
