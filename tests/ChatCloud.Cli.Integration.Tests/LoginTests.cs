using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Cli.Integration.Tests;

/// <summary>
/// `chatcloud login` against the booted suite: the device grant through the gateway, allowed on the
/// provider's verification page by a "browser" that signs in there; then `send` signs in with the
/// saved login's token (SASL OAUTHBEARER) and no password, and `logout` forgets it.
/// </summary>
public sealed partial class LoginTests(ChatCloudSuite suite) : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("chatcloud-login-");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_by_device_code_saves_a_refresh_token_that_send_signs_in_with_and_logout_forgets()
    {
        string room = "#login" + Guid.NewGuid().ToString("N")[..6];
        string password = TestPassword("loginuser");
        await using (var creator = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation))
        {
            await creator.RegisterAsync("loginuser", Cancellation);
            await creator.SendAsync("QUIT", Cancellation);
        }

        await using var watcher = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await watcher.RegisterAsync("loginwatch", Cancellation);
        await watcher.SendAsync($"JOIN {room}", Cancellation);
        await watcher.ExpectAsync(line => Verb(line) == "366", Cancellation);
        var gateway = suite.App.GetEndpoint(ResourceNames.Gateway, "http");
        string[] server = ["--host", "127.0.0.1", "--port", suite.IrcTlsPort.ToString(CultureInfo.InvariantCulture), "--insecure"];

        await using var login = CliProcess.StartIn(_home, ownsHome: false, null, "login", "--issuer", gateway.AbsoluteUri);
        string shown = await login.OutputShowsAsync("Waiting", Cancellation);
        var verifyAt = new Uri(OpenLine().Match(shown).Groups[1].Value);
        await AllowInBrowserAsync(verifyAt, "loginuser", password);
        int loggedIn = await login.WaitForExitAsync(Cancellation);
        string file = Path.Combine(_home.FullName, ".config", "chatcloud", "login.json");
        string saved = await File.ReadAllTextAsync(file, Cancellation);
        var mode = File.GetUnixFileMode(file);

        var sent = await RunAsync(["send", "--room", room, .. server, "signed in by token"]);
        var said = await watcher.ExpectAsync(line => Verb(line) == "PRIVMSG", Cancellation);
        string rotated = await File.ReadAllTextAsync(file, Cancellation);
        var loggedOut = await RunAsync(["logout"]);
        // Without the saved login nothing names the account any more; named, it needs a password.
        var afterLogout = await RunAsync(["send", "--room", room, .. server, "--account", "loginuser", "no login any more"]);

        Assert.True(loggedIn == 0, $"login exited {loggedIn}: {login.Stdout} {login.Stderr}");
        Assert.Contains("Signed in as loginuser", login.Stdout, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.DoesNotContain(password, saved, StringComparison.Ordinal);
        Assert.Contains("\"account\": \"loginuser\"", saved, StringComparison.Ordinal);
        Assert.True(sent.ExitCode == 0, $"send exited {sent.ExitCode}: {sent.Stderr}");
        Assert.Contains(":loginuser!", said, StringComparison.Ordinal);
        Assert.EndsWith("signed in by token", said, StringComparison.Ordinal);
        Assert.NotEqual(RefreshTokenOf(saved), RefreshTokenOf(rotated));
        Assert.Equal(0, loggedOut.ExitCode);
        Assert.False(File.Exists(file));
        Assert.Equal(3, afterLogout.ExitCode);
    }

    public void Dispose() => _home.Delete(recursive: true);

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] arguments)
    {
        await using var cli = CliProcess.StartIn(_home, ownsHome: false, null, arguments);
        int code = await cli.WaitForExitAsync(Cancellation);
        return (code, cli.Stdout, cli.Stderr);
    }

    // What a user does in a browser: open the link, sign in on the provider's page, allow the client.
    private static async Task AllowInBrowserAsync(Uri verifyAt, string name, string password)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });
        using var challenge = await http.GetAsync(verifyAt, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var signInAt = new Uri(verifyAt, challenge.Headers.Location!);
        string signInPage = await GetPageAsync(http, signInAt);
        using var signedIn = await PostAsync(http, new Uri(signInAt, "/signin"), new()
        {
            ["__RequestVerificationToken"] = Field(signInPage, "__RequestVerificationToken"),
            ["returnUrl"] = Field(signInPage, "returnUrl"),
            ["name"] = name,
            ["password"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var questionAt = new Uri(signInAt, signedIn.Headers.Location!);
        string question = await GetPageAsync(http, questionAt);
        Assert.Contains("chatcloud-cli", question, StringComparison.Ordinal);
        using var allowed = await PostAsync(http, new Uri(questionAt, "/connect/verify"), new()
        {
            ["__RequestVerificationToken"] = Field(question, "__RequestVerificationToken"),
            ["user_code"] = Field(question, "user_code"),
            ["decision"] = "allow",
        });
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Contains("done=allowed", allowed.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static async Task<string> GetPageAsync(HttpClient http, Uri address)
    {
        using var response = await http.GetAsync(address, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        string body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{address} answered {response.StatusCode}: {body}");
        return body;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, Uri address, Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        return await http.PostAsync(address, content, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
    }

    private static string Field(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        Assert.True(match.Success, $"The page has no field {name}: {html}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static string RefreshTokenOf(string json) =>
        System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("refreshToken").GetString()!;

    [GeneratedRegex(@"or open (\S+)")]
    private static partial Regex OpenLine();
}
