using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using ChatCloud.Testing;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// The gateway as the suite's edge (issue 6): security headers, caching and compression of the app,
/// request size limits, a rate limit per client address answered as a problem, and the account and
/// conversation APIs reachable under their services' prefixes.
/// </summary>
public sealed class GatewayEdgeTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? token = null, string? acceptEncoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (acceptEncoding is not null)
        {
            request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);
        }
        return await client.SendAsync(request, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
    }

    [Fact]
    public async Task The_app_is_served_with_security_headers_long_cached_assets_a_revalidated_page_and_compression()
    {
        using var client = new HttpClient { BaseAddress = suite.GatewayAddress };

        using var page = await GetAsync(client, "/", acceptEncoding: "br");
        var html = await page.Content.ReadAsByteArrayAsync(Cancellation);
        using var plain = await GetAsync(client, "/");
        var asset = System.Text.RegularExpressions.Regex.Match(await plain.Content.ReadAsStringAsync(Cancellation), "/assets/[^\"]+\\.js").Value;
        using var script = await GetAsync(client, asset, acceptEncoding: "gzip");

        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        var scripts = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scripts); // no 'unsafe-inline', no 'unsafe-eval'
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(page.Headers.Contains("Strict-Transport-Security")); // HSTS only over TLS
        Assert.Equal("no-cache", page.Headers.CacheControl?.ToString());
        Assert.Equal("br", page.Content.Headers.ContentEncoding.Single());
        Assert.True(html.Length < (await plain.Content.ReadAsByteArrayAsync(Cancellation)).Length);
        Assert.NotEmpty(asset);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", script.Headers.CacheControl?.ToString());
        Assert.Equal("gzip", script.Content.Headers.ContentEncoding.Single());
    }

    [Fact]
    public async Task The_app_learns_where_to_sign_in_from_app_config_the_gateway_itself_with_the_built_in_provider()
    {
        using var client = new HttpClient { BaseAddress = suite.GatewayAddress };

        using var response = await GetAsync(client, "/app-config.json");
        using var config = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, config.RootElement.GetProperty("authority").ValueKind);
        Assert.Equal("chatcloud-web", config.RootElement.GetProperty("clientId").GetString());
    }

    [Fact]
    public async Task The_account_and_conversation_apis_are_reached_under_their_services_prefixes()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var user = await SignedInUser.CreateAsync(suite, "gw" + suffix, "gateway user password");
        var (token, _) = await user.SignInAsync();
        using var client = new HttpClient { BaseAddress = suite.GatewayAddress };

        using var sessions = await GetAsync(client, "/api/auth/account/sessions", token);
        using var conversation = await GetAsync(client, "/api/history/conversations/someone/messages?latest=*&limit=5", token);
        using var anonymous = await GetAsync(client, "/api/auth/account/sessions");

        Assert.Equal(HttpStatusCode.OK, sessions.StatusCode);
        Assert.Equal(HttpStatusCode.OK, conversation.StatusCode);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(await conversation.Content.ReadAsStringAsync(Cancellation)).RootElement.ValueKind);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_administrators_account_api_is_reached_under_the_auth_prefix_by_an_administrator_only()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var user = await SignedInUser.CreateAsync(suite, "gwa" + suffix, "gateway user password");
        var (userToken, _) = await user.SignInAsync();
        var (adminToken, _) = await SignedInUser.Administrator(suite).SignInAsync();
        using var client = new HttpClient { BaseAddress = suite.GatewayAddress };

        using var listed = await GetAsync(client, $"/api/auth/admin/accounts?limit=5&after=gwa{suffix[..5]}", adminToken);
        using var refused = await GetAsync(client, "/api/auth/admin/accounts", userToken);
        using var anonymous = await GetAsync(client, "/api/auth/admin/accounts");

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var names = JsonDocument.Parse(await listed.Content.ReadAsStringAsync(Cancellation)).RootElement.EnumerateArray()
            .Select(account => account.GetProperty("name").GetString()).ToList();
        Assert.Contains("gwa" + suffix, names);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_request_body_over_the_limit_is_refused_before_it_reaches_a_service()
    {
        using var client = new HttpClient { BaseAddress = suite.GatewayAddress };
        // As curl does for a large body: the refusal comes before the body is sent. Without it the
        // gateway may answer and close while the client is still writing, and the client sees a
        // broken pipe instead of the 413 (a full run failed so).
        client.DefaultRequestHeaders.ExpectContinue = true;
        using var body = new ByteArrayContent(new byte[2 * 1024 * 1024]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(new Uri("/api/auth/account/password", UriKind.Relative), body, Cancellation)
            .WaitAsync(Deadlines.Request, Cancellation);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task One_address_over_the_rate_limit_gets_429_problems_with_retry_after_while_others_are_served()
    {
        // Another loopback address, so this test's flood is its own partition and not the other tests'.
        using var flooder = new HttpClient(new SocketsHttpHandler { ConnectCallback = FromAddressAsync(IPAddress.Parse("127.0.0.2")) })
        {
            BaseAddress = suite.GatewayAddress,
        };
        using var client = new HttpClient { BaseAddress = suite.GatewayAddress };

        var responses = await Task.WhenAll(Enumerable.Range(0, 600).Select(_ => GetAsync(flooder, "/api/no-such-thing")));
        using var other = await GetAsync(client, "/api/no-such-thing");

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.Equal("application/problem+json", limited[0].Content.Headers.ContentType?.MediaType);
        Assert.InRange(int.Parse(limited[0].Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Contains("Too many requests", await limited[0].Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    private static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> FromAddressAsync(IPAddress local) =>
        async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
}
