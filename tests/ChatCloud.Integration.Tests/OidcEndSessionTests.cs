using System.Net;
using System.Text.Json;
using ChatCloud.Testing;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): the web app's sign-out ends the
/// provider's sign-in session too, and returns only to a post-logout URI the client registered.
/// </summary>
public sealed class OidcEndSessionTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string PostLogoutRedirectUri => new Uri(suite.GatewayAddress, "/").AbsoluteUri;

    [Fact]
    public async Task Discovery_names_the_end_session_endpoint()
    {
        var user = await SignedInUser.CreateAsync(suite, "logout-ann", "anns password");
        using var browser = new OidcBrowser(user.Authority, user.Gateway);
        using var response = await browser.GetAsync("/.well-known/openid-configuration");
        using var discovery = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));

        // Beside the other endpoints (OpenIddict names them at the address the request came to).
        var authorize = new Uri(discovery.RootElement.GetProperty("authorization_endpoint").GetString()!);
        Assert.Equal(new Uri(authorize, "/connect/endsession").AbsoluteUri, discovery.RootElement.GetProperty("end_session_endpoint").GetString());
    }

    [Fact]
    public async Task Ending_the_session_signs_the_browser_out_and_returns_to_the_registered_post_logout_uri()
    {
        var user = await SignedInUser.CreateAsync(suite, "logout-bo", "bos password");
        using var browser = new OidcBrowser(user.Authority, user.Gateway);
        var (status, tokens) = await browser.RedeemCodeAsync(await browser.AuthorizeAsync(user.Name, user.Password));
        Assert.Equal(HttpStatusCode.OK, status);

        using var ended = await browser.GetAsync(EndSessionPath(tokens.GetProperty("id_token").GetString()!, PostLogoutRedirectUri, "bye"));
        using var again = await browser.GetAsync(browser.AuthorizePath("s2"));

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(PostLogoutRedirectUri + "?state=bye", ended.Headers.Location!.AbsoluteUri);
        // The next authorization request asks for the password again.
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("/signin", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unregistered_post_logout_uri_is_refused_and_the_session_stays()
    {
        var user = await SignedInUser.CreateAsync(suite, "logout-cy", "cys password");
        using var browser = new OidcBrowser(user.Authority, user.Gateway);
        var (_, tokens) = await browser.RedeemCodeAsync(await browser.AuthorizeAsync(user.Name, user.Password));

        using var ended = await browser.GetAsync(EndSessionPath(tokens.GetProperty("id_token").GetString()!, "https://elsewhere.example/", "bye"));
        using var again = await browser.GetAsync(browser.AuthorizePath("s2"));

        Assert.Equal(HttpStatusCode.BadRequest, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.StartsWith(browser.RedirectUri + "?", again.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_signing_out_everywhere_the_end_session_still_returns_to_the_client()
    {
        // The web app's "sign out everywhere": the account API first, then the end-session endpoint
        // with an ID token whose authorization has just been revoked.
        var user = await SignedInUser.CreateAsync(suite, "logout-dee", "dees password");
        using var browser = new OidcBrowser(user.Authority, user.Gateway);
        var (_, tokens) = await browser.RedeemCodeAsync(await browser.AuthorizeAsync(user.Name, user.Password));
        var everywhere = await user.CallAsync(HttpMethod.Post, "/account/sign-out-everywhere", tokens.GetProperty("access_token").GetString()!);
        Assert.True((int)everywhere.Status < 300, $"sign-out-everywhere: {everywhere.Status}");

        using var ended = await browser.GetAsync(EndSessionPath(tokens.GetProperty("id_token").GetString()!, PostLogoutRedirectUri, "bye"));

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(PostLogoutRedirectUri + "?state=bye", ended.Headers.Location!.AbsoluteUri);
    }

    private static string EndSessionPath(string idToken, string postLogoutRedirectUri, string state) =>
        "/connect/endsession?client_id=" + OidcBrowser.ClientId
        + "&id_token_hint=" + Uri.EscapeDataString(idToken)
        + "&post_logout_redirect_uri=" + Uri.EscapeDataString(postLogoutRedirectUri)
        + "&state=" + state;
}
