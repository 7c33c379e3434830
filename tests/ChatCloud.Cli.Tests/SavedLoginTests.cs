using System.Net;
using System.Text;
using ChatCloud.Cli.Irc;
using ChatCloud.Cli.Login;
using Microsoft.Extensions.Time.Testing;

namespace ChatCloud.Cli.Tests;

/// <summary>
/// The saved login: a file only its owner can read, holding a refresh token and never a password;
/// access tokens refreshed from it with the rotated refresh token written back; the device grant's
/// polling. The provider is a stub HTTP handler answering as OpenIddict does.
/// </summary>
public sealed class SavedLoginTests : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("chatcloud-login-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string LoginPath => Path.Combine(_home.FullName, "chatcloud", "login.json");

    [Fact]
    public void The_file_is_readable_by_its_owner_only_and_holds_no_password()
    {
        new SavedLogin("http://localhost:8080/", "alice", "refresh-1").Save(LoginPath);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(LoginPath));
        Assert.Equal(new SavedLogin("http://localhost:8080/", "alice", "refresh-1"), SavedLogin.Load(LoginPath));
        Assert.DoesNotContain("password", File.ReadAllText(LoginPath), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("refresh-1", new SavedLogin("i", "alice", "refresh-1").ToString(), StringComparison.Ordinal);
        Assert.Null(SavedLogin.Load(Path.Combine(_home.FullName, "missing.json")));
    }

    [Fact]
    public async Task Tokens_are_refreshed_near_their_end_with_the_rotated_refresh_token_saved_each_time()
    {
        new SavedLogin("http://provider.test/", "alice", "refresh-1").Save(LoginPath);
        var provider = new StubProvider();
        using var http = new HttpClient(provider);
        using var tokens = new SavedLoginTokens(new IdentityProvider(http, new Uri("http://provider.test/"), _time), LoginPath, _time);

        var first = await tokens.GetAsync(Cancellation);
        _time.Advance(TimeSpan.FromMinutes(8));
        var cached = await tokens.GetAsync(Cancellation);
        _time.Advance(TimeSpan.FromMinutes(1.5));
        var renewed = await tokens.GetAsync(Cancellation);

        Assert.Equal(("access-1", "access-1", "access-2"), (first.Value, cached.Value, renewed.Value));
        Assert.Equal(["refresh-1", "refresh-2"], provider.RefreshTokensPresented);
        Assert.Equal("refresh-3", SavedLogin.Load(LoginPath)!.RefreshToken);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(LoginPath));
    }

    [Fact]
    public async Task A_revoked_login_is_an_authentication_failure_not_a_retry()
    {
        new SavedLogin("http://provider.test/", "alice", "revoked").Save(LoginPath);
        using var http = new HttpClient(new StubProvider());
        using var tokens = new SavedLoginTokens(new IdentityProvider(http, new Uri("http://provider.test/"), _time), LoginPath, _time);

        var failure = await Assert.ThrowsAsync<AuthenticationFailedException>(() => tokens.GetAsync(Cancellation));
        Assert.Contains("chatcloud login", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_device_grant_polls_while_pending_and_stops_on_tokens_or_refusal()
    {
        var provider = new StubProvider { PendingPolls = 2 };
        using var http = new HttpClient(provider);
        var identity = new IdentityProvider(http, new Uri("http://provider.test/"), TimeProvider.System);

        var device = await identity.StartDeviceAsync(Cancellation);
        var tokens = await identity.PollAsync(device, Cancellation);
        provider.Deny = true;
        var refused = await Assert.ThrowsAsync<AuthenticationFailedException>(() => identity.PollAsync(device, Cancellation));

        Assert.Equal(("WDJB-MJHT", "http://provider.test/connect/verify"), (device.UserCode, device.VerificationUri.AbsoluteUri));
        Assert.Equal((3, "alice"), (provider.DevicePolls, AccessToken.Claim(tokens.AccessToken, "name")));
        Assert.Contains("refused", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _home.Delete(recursive: true);

    // Discovery, device authorization and token endpoint, as the auth service answers them.
    private sealed class StubProvider : HttpMessageHandler
    {
        private int _issued;

        public List<string> RefreshTokensPresented { get; } = [];

        public int PendingPolls { get; init; }

        public int DevicePolls { get; private set; }

        public bool Deny { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string path = request.RequestUri!.AbsolutePath;
            var form = request.Content is null ? [] : (await request.Content.ReadAsStringAsync(cancellationToken)).Split('&')
                .Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => Uri.UnescapeDataString(pair[1]));
            return path switch
            {
                "/.well-known/openid-configuration" => Json(HttpStatusCode.OK, """
                    {"issuer":"http://provider.test/","token_endpoint":"http://provider.test/connect/token",
                     "device_authorization_endpoint":"http://provider.test/connect/device","revocation_endpoint":"http://provider.test/connect/revoke"}
                    """),
                "/connect/device" => Json(HttpStatusCode.OK, """
                    {"device_code":"dc","user_code":"WDJB-MJHT","verification_uri":"http://provider.test/connect/verify","expires_in":300,"interval":0}
                    """),
                "/connect/token" when form["grant_type"] == "refresh_token" => Refresh(form["refresh_token"]),
                "/connect/token" when Deny => Json(HttpStatusCode.BadRequest, """{"error":"access_denied"}"""),
                "/connect/token" when ++DevicePolls <= PendingPolls => Json(HttpStatusCode.BadRequest, """{"error":"authorization_pending"}"""),
                "/connect/token" => Json(HttpStatusCode.OK, $$"""{"access_token":"{{Jwt("alice")}}","refresh_token":"refresh-1","expires_in":600}"""),
                _ => new HttpResponseMessage(HttpStatusCode.NotFound),
            };
        }

        private HttpResponseMessage Refresh(string presented)
        {
            RefreshTokensPresented.Add(presented);
            if (presented == "revoked")
            {
                return Json(HttpStatusCode.BadRequest, """{"error":"invalid_grant","error_description":"The token is no longer valid."}""");
            }

            int n = ++_issued;
            return Json(HttpStatusCode.OK, $$"""{"access_token":"access-{{n}}","refresh_token":"refresh-{{n + 1}}","expires_in":600}""");
        }

        private static string Jwt(string name) =>
            "e30." + Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"name":"{{name}}"}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".sig";

        private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
            new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
