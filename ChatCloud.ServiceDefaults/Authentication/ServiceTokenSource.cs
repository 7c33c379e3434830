using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCloud.Authentication;

/// <summary>
/// This service's own access token, from the OAuth 2.0 client credentials grant (RFC 6749 §4.4) at
/// the token endpoint of the discovery document JwtBearer already caches. One token is shared by
/// every call and fetched again shortly before it expires, so a busy edge asks the issuer about
/// once per token lifetime, not once per request. The request goes through the metadata client,
/// which carries no token itself: fetching a token never needs a token.
/// </summary>
public sealed partial class ServiceTokenSource(
    IHttpClientFactory httpClients,
    IOptionsMonitor<JwtBearerOptions> bearer,
    IOptions<IdentityOptions> options,
    TimeProvider time,
    ILogger<ServiceTokenSource> logger) : IDisposable
{
    /// <summary>Fetched again this long before expiry (or at a fifth of a short lifetime), so no call carries a token about to expire.</summary>
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Cached? _cached;

    private sealed record Cached(string AccessToken, DateTimeOffset RefreshAt);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn);

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && time.GetUtcNow() < cached.RefreshAt)
        {
            return cached.AccessToken;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have fetched it while this one waited.
            if (_cached is { } fresh && time.GetUtcNow() < fresh.RefreshAt)
            {
                return fresh.AccessToken;
            }
            var fetched = await FetchAsync(cancellationToken);
            _cached = fetched;
            return fetched.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets a token a service refused (401), e.g. after the issuer's keys changed; the next call fetches a new one.</summary>
    public void Invalidate(string accessToken)
    {
        if (_cached?.AccessToken == accessToken)
        {
            _cached = null;
        }
    }

    private async Task<Cached> FetchAsync(CancellationToken cancellationToken)
    {
        var identity = options.Value;
        if (string.IsNullOrEmpty(identity.ClientId) || string.IsNullOrEmpty(identity.ClientSecret))
        {
            throw new InvalidOperationException($"{IdentityOptions.SectionName}:ClientId and ClientSecret are needed to call other services.");
        }
        var jwt = bearer.Get(JwtBearerDefaults.AuthenticationScheme);
        var metadata = await jwt.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        var http = httpClients.CreateClient(TokenTrustRegistration.MetadataClientName);
        var form = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = identity.ClientId,
            ["client_secret"] = identity.ClientSecret,
        });
        var started = time.GetUtcNow();
        using var response = await http.PostAsync(new Uri(metadata.TokenEndpoint), form, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            LogRefused(logger, identity.ClientId, (int)response.StatusCode);
            throw new HttpRequestException($"The token endpoint refused the client {identity.ClientId} ({(int)response.StatusCode}).", null, response.StatusCode);
        }
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        if (token?.AccessToken is not { Length: > 0 } accessToken || token.ExpiresIn is not > 0)
        {
            throw new HttpRequestException("The token endpoint answered without an access token and its lifetime.");
        }
        var lifetime = TimeSpan.FromSeconds(token.ExpiresIn.Value);
        var ahead = lifetime / 5 < RefreshAhead ? lifetime / 5 : RefreshAhead;
        return new Cached(accessToken, started + lifetime - ahead);
    }

    public void Dispose() => _gate.Dispose();

    // The client id only: never the secret or the token.
    [LoggerMessage(Level = LogLevel.Warning, Message = "The token endpoint refused the client credentials of {ClientId} with status {Status}")]
    private static partial void LogRefused(ILogger logger, string clientId, int status);
}
