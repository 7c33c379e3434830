using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatCloud.Testing;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// A browser as far as the authorization code flow needs one: cookies kept, redirects looked at
/// rather than followed (the web app's callback is not running in these tests).
/// </summary>
/// <remarks>
/// The web client's redirect URI is the gateway's own address (the AppHost registers it, whatever port
/// the gateway has), so the browser takes the suite's <paramref name="gateway"/> to name it.
/// </remarks>
internal sealed partial class OidcBrowser(Uri authority, Uri gateway) : IDisposable
{
    public const string ClientId = "chatcloud-web";

    public string RedirectUri { get; } = new Uri(gateway, "/auth/callback").AbsoluteUri;

    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = authority,
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public string CodeVerifier { get; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public string AuthorizePath(string state) =>
        "/connect/authorize?response_type=code&client_id=" + ClientId
        + "&redirect_uri=" + Uri.EscapeDataString(RedirectUri)
        + "&scope=" + Uri.EscapeDataString("openid profile roles offline_access")
        + "&code_challenge=" + Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(CodeVerifier)))
        + "&code_challenge_method=S256&state=" + state;

    public async Task<HttpResponseMessage> GetAsync(string pathOrUrl) =>
        await _http.GetAsync(new Uri(pathOrUrl, UriKind.RelativeOrAbsolute), Cancellation).WaitAsync(Deadlines.Request, Cancellation);

    /// <summary>Fills and posts the sign-in form found at <paramref name="signInPath"/>; answers the POST's response.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string signInPath, string name, string password)
    {
        using var page = await GetAsync(signInPath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Cancellation);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Field(html, "__RequestVerificationToken"),
            ["returnUrl"] = WebUtility.HtmlDecode(Field(html, "returnUrl")),
            ["name"] = name,
            ["password"] = password,
        };
        using var content = new FormUrlEncodedContent(form);
        return await _http.PostAsync(new Uri("/signin", UriKind.Relative), content, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
    }

    /// <summary>The whole flow for an existing account: the code from the redirect to the client.</summary>
    public async Task<string> AuthorizeAsync(string name, string password)
    {
        using var challenge = await GetAsync(AuthorizePath("s1"));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        using var signedIn = await SignInAsync(challenge.Headers.Location!.OriginalString, name, password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var authorized = await GetAsync(signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, authorized.StatusCode);
        var callback = authorized.Headers.Location!;
        Assert.StartsWith(RedirectUri + "?", callback.AbsoluteUri, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        Assert.Equal("s1", query["state"]);
        return query["code"] ?? throw new InvalidOperationException($"No code in {callback}");
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> TokenAsync(Dictionary<string, string> form)
    {
        form["client_id"] = ClientId;
        using var content = new FormUrlEncodedContent(form);
        using var response = await _http.PostAsync(new Uri("/connect/token", UriKind.Relative), content, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> RedeemCodeAsync(string code) => TokenAsync(new()
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = RedirectUri,
        ["code_verifier"] = CodeVerifier,
    });

    public Task<(HttpStatusCode Status, JsonElement Body)> RefreshAsync(string refreshToken) => TokenAsync(new()
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
    });

    private static string Field(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        Assert.True(match.Success, $"The sign-in page has no field {name}.");
        return match.Groups[1].Value;
    }

    public void Dispose() => _http.Dispose();
}
