using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatCloud.Cli.Irc;

namespace ChatCloud.Cli.Login;

internal sealed record DeviceAuthorization(string DeviceCode, string UserCode, Uri VerificationUri, Uri? VerificationUriComplete, TimeSpan Interval, DateTimeOffset ExpiresAt);

internal sealed record TokenResponse(string AccessToken, string? RefreshToken, TimeSpan ExpiresIn)
{
    public override string ToString() => $"TokenResponse {{ ExpiresIn = {ExpiresIn} }}";
}

// The suite's OpenID Connect provider as the terminal client uses it: discovery, the device
// authorization grant (RFC 8628), refresh (RFC 6749 §6; refresh tokens rotate on every use) and
// revocation (RFC 7009), as the public client chatcloud-cli. Network failures surface as IOException
// (try again later); a refusal as AuthenticationFailedException (sign in again).
internal sealed class IdentityProvider(HttpClient http, Uri issuer, TimeProvider time)
{
    public const string ClientId = "chatcloud-cli";
    public const string Scope = "openid profile offline_access";
    private const string DeviceGrant = "urn:ietf:params:oauth:grant-type:device_code";

    private JsonElement? _discovery;

    public static HttpClient CreateHttpClient() => new() { Timeout = TimeSpan.FromSeconds(15) };

    public async Task<DeviceAuthorization> StartDeviceAsync(CancellationToken cancellationToken)
    {
        var (status, body) = await PostAsync("device_authorization_endpoint", new() { ["client_id"] = ClientId, ["scope"] = Scope }, cancellationToken);
        if (status != HttpStatusCode.OK)
        {
            throw new AuthenticationFailedException($"The provider refused the sign-in: {Describe(body)}");
        }

        return new DeviceAuthorization(
            body.GetProperty("device_code").GetString()!, body.GetProperty("user_code").GetString()!,
            new Uri(body.GetProperty("verification_uri").GetString()!),
            body.TryGetProperty("verification_uri_complete", out var complete) ? new Uri(complete.GetString()!) : null,
            TimeSpan.FromSeconds(body.TryGetProperty("interval", out var interval) ? interval.GetInt32() : 5),
            time.GetUtcNow().AddSeconds(body.GetProperty("expires_in").GetInt32()));
    }

    // Asks for the tokens every interval until the user has allowed or refused, or the code expires
    // (RFC 8628 §3.4, §3.5: slow_down adds five seconds to the interval).
    public async Task<TokenResponse> PollAsync(DeviceAuthorization device, CancellationToken cancellationToken)
    {
        var interval = device.Interval;
        while (true)
        {
            await Task.Delay(interval, time, cancellationToken);
            var (status, body) = await PostAsync("token_endpoint", new()
            {
                ["grant_type"] = DeviceGrant, ["device_code"] = device.DeviceCode, ["client_id"] = ClientId,
            }, cancellationToken);
            if (status == HttpStatusCode.OK)
            {
                return Tokens(body);
            }

            switch (Error(body))
            {
                case "authorization_pending" when time.GetUtcNow() < device.ExpiresAt:
                    break;
                case "slow_down":
                    interval += TimeSpan.FromSeconds(5);
                    break;
                case "access_denied":
                    throw new AuthenticationFailedException("The sign-in was refused on the verification page.");
                default:
                    throw new AuthenticationFailedException($"The sign-in did not complete: {Describe(body)}");
            }
        }
    }

    public async Task<TokenResponse> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var (status, body) = await PostAsync("token_endpoint", new()
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = ClientId,
        }, cancellationToken);
        return status == HttpStatusCode.OK
            ? Tokens(body)
            : throw new AuthenticationFailedException($"The saved login no longer works ({Describe(body)}); sign in again with chatcloud login.");
    }

    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken) =>
        await PostAsync("revocation_endpoint", new()
        {
            ["token"] = refreshToken, ["token_type_hint"] = "refresh_token", ["client_id"] = ClientId,
        }, cancellationToken);

    private static TokenResponse Tokens(JsonElement body) => new(
        body.GetProperty("access_token").GetString()!,
        body.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
        TimeSpan.FromSeconds(body.TryGetProperty("expires_in", out var expires) ? expires.GetInt32() : 300));

    private static string? Error(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var error) ? error.GetString() : null;

    private static string Describe(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error_description", out var description)
            ? $"{Error(body)}: {description.GetString()}"
            : Error(body) ?? "no answer";

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string endpoint, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        try
        {
            var discovery = _discovery ??= await http.GetFromJsonAsync<JsonElement>(new Uri(issuer, ".well-known/openid-configuration"), cancellationToken);
            if (!discovery.TryGetProperty(endpoint, out var address))
            {
                throw new AuthenticationFailedException($"The provider at {issuer} offers no {endpoint}.");
            }

            using var content = new FormUrlEncodedContent(form);
            using var response = await http.PostAsync(new Uri(address.GetString()!), content, cancellationToken);
            string text = await response.Content.ReadAsStringAsync(cancellationToken);
            return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException
            || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new IOException($"Cannot reach the sign-in provider at {issuer}: {exception.Message}", exception);
        }
    }
}
