using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// An account signed in to the web app as the code flow does it: its tokens, and the auth service's
/// own API (/account/*) called with the access token. Each <see cref="SignInAsync"/> is one session.
/// </summary>
internal sealed class SignedInUser(ChatCloudSuite suite, string name, string password)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public string Name => name;

    public string Password => password;

    public Uri Authority => suite.App.GetEndpoint(ResourceNames.Auth, "http");

    /// <summary>The gateway, whose <c>/auth/callback</c> is the web client's redirect URI.</summary>
    public Uri Gateway => suite.GatewayAddress;

    public static async Task<SignedInUser> CreateAsync(ChatCloudSuite suite, string name, string password)
    {
        // Creating an account is a service's call (the web's sign-up goes through the sign-in pages).
        using var http = await suite.App.CreateServiceClientAsync(ResourceNames.Auth, Cancellation);
        using var created = await http.PostAsJsonAsync("/accounts", new { name, password }, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return new SignedInUser(suite, name, password);
    }

    /// <summary>The first administrator, whose password the AppHost generated into the suite's secrets.</summary>
    public static SignedInUser Administrator(ChatCloudSuite suite)
    {
        using var secrets = JsonDocument.Parse(File.ReadAllText(Path.Combine(suite.StateDirectory, "secrets.json")));
        return new SignedInUser(suite, "admin", secrets.RootElement.GetProperty("admin-password").GetString()!);
    }

    /// <summary>A new session: access and refresh token from the code flow with PKCE.</summary>
    public async Task<(string AccessToken, string RefreshToken)> SignInAsync()
    {
        using var browser = new OidcBrowser(Authority, Gateway);
        var (status, tokens) = await browser.RedeemCodeAsync(await browser.AuthorizeAsync(name, password));
        Assert.Equal(HttpStatusCode.OK, status);
        return (tokens.GetProperty("access_token").GetString()!, tokens.GetProperty("refresh_token").GetString()!);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> RefreshAsync(string refreshToken)
    {
        using var browser = new OidcBrowser(Authority, Gateway);
        return await browser.RefreshAsync(refreshToken);
    }

    /// <summary>Calls the auth service as the user; answers the status, the body (if JSON) and the response headers.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseHeaders Headers)> CallAsync(HttpMethod method, string path, string accessToken, object? body = null)
    {
        using var http = new HttpClient { BaseAddress = Authority };
        return await SendAsync(http, method, path, accessToken, body);
    }

    /// <summary>One call with a bearer token and an optional JSON body; answers the status, the body (if JSON) and the response headers.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseHeaders Headers)> SendAsync(
        HttpClient http, HttpMethod method, string path, string accessToken, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await http.SendAsync(request, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json, response.Headers);
    }

    /// <summary>SASL PLAIN over the plain IRC port with <paramref name="secret"/>; answers the client and the SASL numeric (903 or 904).</summary>
    public static async Task<(IrcTestClient Client, string Outcome)> IrcPlainAsync(ChatCloudSuite suite, string nick, string account, string secret)
    {
        var client = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await client.SendAsync("CAP REQ :sasl", Cancellation);
        await client.SendAsync($"NICK {nick}", Cancellation);
        await client.SendAsync($"USER {nick} 0 * :{nick}", Cancellation);
        await client.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal), Cancellation);
        await client.SendAsync("AUTHENTICATE PLAIN", Cancellation);
        await client.ExpectAsync(line => Verb(line) == "AUTHENTICATE", Cancellation);
        await client.SendAsync("AUTHENTICATE " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{account}\0{secret}")), Cancellation);
        var outcome = await client.ExpectAsync(line => Verb(line) is "903" or "904", Cancellation);
        return (client, outcome);
    }

    /// <summary>Signs in over IRC with SASL PLAIN and completes registration (001).</summary>
    public async Task<IrcTestClient> IrcAsync(string nick, string? secret = null)
    {
        var (client, outcome) = await IrcPlainAsync(suite, nick, name, secret ?? password);
        Assert.Equal("903", Verb(outcome));
        await client.SendAsync("CAP END", Cancellation);
        await client.ExpectAsync(line => Verb(line) == "001", Cancellation);
        return client;
    }

    /// <summary>Reads until the server's ERROR; answers it (and checks the connection then ends).</summary>
    public static async Task<string> ExpectClosedAsync(IrcTestClient client)
    {
        var error = await client.ExpectAsync(line => Verb(line) == "ERROR", Cancellation);
        Assert.Null(await client.ReadLineAsync(Cancellation));
        return error;
    }
}
