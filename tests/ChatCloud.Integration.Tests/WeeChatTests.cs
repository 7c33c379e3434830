using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// A second stock client, Debian's WeeChat (headless), set up as a user would with /server add: TLS
/// pinned to the development certificate's fingerprint, SASL PLAIN, autojoin. It is driven through
/// its FIFO (WeeChat's fifo plugin, on by default) and read back through its own chat log.
/// </summary>
public sealed class WeeChatTests(ChatCloudSuite suite) : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("chatcloud-weechat-");
    private Process? _weechat;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WeeChat_connects_over_TLS_with_SASL_PLAIN_joins_a_room_and_chats()
    {
        const string Password = "weechat-own-password";
        using (var auth = await suite.App.CreateServiceClientAsync(ResourceNames.Auth, Cancellation))
        {
            using var created = await auth.PostAsJsonAsync("/accounts", new { name = "weeuser", password = Password }, Cancellation)
                .WaitAsync(Deadlines.Request, Cancellation);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        await using var partner = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await partner.RegisterAsync("weepartner", Cancellation);
        await partner.SendAsync("JOIN #weechat", Cancellation);
        await partner.ExpectAsync(line => Verb(line) == "366", Cancellation);

        // WeeChat 3.8 names its TLS options ssl*; a fingerprint replaces the CA checks (/help server).
        var commands = string.Join(';',
            "/set logger.file.flush_delay 0",
            $"/server add chatcloud 127.0.0.1/{suite.IrcTlsPort} -ssl -ssl_fingerprint={suite.IrcCertificateHash.ToLowerInvariant()}"
                + $" -sasl_mechanism=plain -sasl_username=weeuser -sasl_password={Password} -nicks=weeuser -username=weeuser -autojoin=#weechat"
                + " -autoreconnect_delay=2",
            "/connect chatcloud");
        var start = new ProcessStartInfo("weechat-headless", ["--dir", _home.FullName, "--run-command", commands])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        _weechat = Process.Start(start)!;
        _weechat.OutputDataReceived += (_, _) => { };
        _weechat.ErrorDataReceived += (_, _) => { };
        _weechat.BeginOutputReadLine();
        _weechat.BeginErrorReadLine();

        // A loaded machine may make WeeChat's first attempt fail; it tries again after 2 s.
        var joined = await WaitForJoinAsync(partner);
        // The server's JOIN reaches the partner before WeeChat has opened the room's buffer, and a
        // FIFO line for a buffer that does not exist yet is dropped: wait for the buffer's log.
        await BufferOpenAsync();
        await File.WriteAllTextAsync(await FifoAsync(), "irc.chatcloud.#weechat *hello from weechat\n", Cancellation);
        var said = await partner.ExpectAsync(line => Verb(line) == "PRIVMSG", Cancellation);
        await partner.SendAsync("PRIVMSG #weechat :hello back, weechat", Cancellation);
        var log = await LogShowsAsync("hello back, weechat");

        Assert.Matches(@"^:weeuser!~?weeuser@user/weeuser JOIN #weechat", joined);
        Assert.Matches(@"^:weeuser!~?weeuser@user/weeuser PRIVMSG #weechat :hello from weechat$", said);
        Assert.Contains("weepartner", log, StringComparison.Ordinal);
    }

    private async Task<string> WaitForJoinAsync(IrcTestClient partner)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await partner.ExpectAsync(line => line.StartsWith(":weeuser!", StringComparison.Ordinal) && Verb(line) == "JOIN", Cancellation);
            }
            catch (TimeoutException exception) when (attempt > 0)
            {
                throw new TimeoutException($"WeeChat never joined. Its log:{Environment.NewLine}{WeeChatLog()}", exception);
            }
            catch (TimeoutException)
            {
                // one more request's deadline
            }
        }
    }

    /// <summary>WeeChat's own log (<c>weechat.log</c>), for a failure's message.</summary>
    private string WeeChatLog() =>
        Directory.EnumerateFiles(_home.FullName, "weechat.log", SearchOption.AllDirectories).FirstOrDefault() is { } file ? File.ReadAllText(file) : "(none)";

    /// <summary>The fifo plugin's pipe, <c>weechat_fifo_&lt;pid&gt;</c> in WeeChat's runtime directory.</summary>
    private async Task<string> FifoAsync()
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            if (Directory.EnumerateFiles(_home.FullName, "weechat_fifo*", SearchOption.AllDirectories).FirstOrDefault() is { } fifo)
            {
                return fifo;
            }
            await Task.Delay(200, Cancellation);
        }
        throw new InvalidOperationException("WeeChat never opened its FIFO.");
    }

    /// <summary>Waits (bounded) until WeeChat's logger has opened the room buffer's log, which it does when the buffer opens.</summary>
    private async Task BufferOpenAsync()
    {
        for (var attempt = 0; attempt < 150 && !Directory.EnumerateFiles(_home.FullName, "*#weechat.weechatlog", SearchOption.AllDirectories).Any(); attempt++)
        {
            await Task.Delay(200, Cancellation);
        }
    }

    /// <summary>WeeChat's logger plugin writes each buffer to <c>logs/irc.chatcloud.#weechat.weechatlog</c>.</summary>
    private async Task<string> LogShowsAsync(string text)
    {
        var log = "";
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var file = Directory.EnumerateFiles(_home.FullName, "*#weechat.weechatlog", SearchOption.AllDirectories).FirstOrDefault();
            log = file is null ? "" : await File.ReadAllTextAsync(file, Cancellation);
            if (log.Contains(text, StringComparison.Ordinal))
            {
                return log;
            }
            await Task.Delay(200, Cancellation);
        }
        throw new InvalidOperationException($"WeeChat's log never showed '{text}':{Environment.NewLine}{log}");
    }

    public void Dispose()
    {
        if (_weechat is { HasExited: false })
        {
            _weechat.Kill(entireProcessTree: true);
            _weechat.WaitForExit(5000);
        }
        _weechat?.Dispose();
        if (Environment.GetEnvironmentVariable("CHATCLOUD_KEEP_WEECHAT") is null)
        {
            _home.Delete(recursive: true);
        }
    }
}
