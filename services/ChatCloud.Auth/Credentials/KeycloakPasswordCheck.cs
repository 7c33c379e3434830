using System.Net.Http.Json;
using System.Text.Json.Serialization;
using ChatCloud.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace ChatCloud.Auth.Credentials;

/// <summary>What Keycloak said about a name and password: the account, a refusal, or nothing (it did not answer).</summary>
public enum KeycloakVerdict
{
    SignedIn,
    Refused,
    Unavailable,
}

public sealed record KeycloakSignIn(KeycloakVerdict Verdict, VerifiedAccount? Account = null);

/// <summary>
/// In Keycloak mode the accounts are Keycloak's, so an IRC client's SASL PLAIN (or PASS) is checked
/// there (issue 4): the resource owner password grant (RFC 6749 §4.3) at the realm's token endpoint,
/// as this service's own confidential client (<c>auth</c>, the only client of the realm allowed that
/// grant), then the access token it answers is validated like any other (<see cref="BearerTokenValidator"/>)
/// and read for the account: <c>sub</c>, <c>preferred_username</c>, realm roles. Keycloak's own
/// brute-force protection locks accounts; this service still limits failures per address.
/// </summary>
public sealed partial class KeycloakPasswordCheck(
    IHttpClientFactory httpClients, IOptionsMonitor<JwtBearerOptions> bearer, IOptions<IdentityOptions> identity,
    BearerTokenValidator validator, ILogger<KeycloakPasswordCheck> logger)
{
    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("error")] string? Error);

    public async Task<KeycloakSignIn> VerifyAsync(string name, string password, CancellationToken cancellationToken)
    {
        var options = identity.Value;
        try
        {
            var metadata = await bearer.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager!.GetConfigurationAsync(cancellationToken);
            var http = httpClients.CreateClient(TokenTrustRegistration.MetadataClientName);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["grant_type"] = "password",
                ["client_id"] = options.ClientId ?? "",
                ["client_secret"] = options.ClientSecret ?? "",
                ["username"] = name,
                ["password"] = password,
                ["scope"] = "openid",
            });
            using var response = await http.PostAsync(new Uri(metadata.TokenEndpoint), form, cancellationToken);
            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
            // Keycloak answers wrong credentials, unknown, disabled and locked users alike: invalid_grant (401 or 400).
            // Any other error (unauthorized_client: our secret or the realm's client is wrong) is ours to fix, not the user's.
            if (token?.Error == "invalid_grant")
            {
                return new KeycloakSignIn(KeycloakVerdict.Refused);
            }
            if (!response.IsSuccessStatusCode)
            {
                var error = token?.Error ?? "none";
                LogUnexpected(logger, (int)response.StatusCode, error);
                return new KeycloakSignIn(KeycloakVerdict.Unavailable);
            }
            var (validated, failure) = await validator.ValidateAsync(token?.AccessToken ?? "", cancellationToken);
            if (validated is null || !Guid.TryParse(validated.Identity.FindFirst("sub")?.Value, out var id) || validated.Identity.Name is not { Length: > 0 } account)
            {
                // Keycloak vouched for the password but its token does not pass here: a realm misconfigured, not a wrong password.
                var reason = failure?.GetType().Name ?? "no sub or preferred_username";
                LogUnusableToken(logger, reason);
                return new KeycloakSignIn(KeycloakVerdict.Unavailable);
            }
            var roles = validated.Identity.FindAll(TokenRoles.RoleClaim).Select(claim => claim.Value).ToList();
            return new KeycloakSignIn(KeycloakVerdict.SignedIn, new VerifiedAccount(id, account, roles));
        }
        catch (Exception exception) when (BearerTokenValidator.IsMetadataFailure(exception) || exception is System.Text.Json.JsonException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnreachable(logger, exception);
            return new KeycloakSignIn(KeycloakVerdict.Unavailable);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keycloak's token endpoint could not be reached for a password check")]
    private static partial void LogUnreachable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Keycloak's token endpoint answered a password check with status {Status} ({Error}): check the auth client in the realm")]
    private static partial void LogUnexpected(ILogger logger, int status, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Keycloak accepted a password but its access token was refused here ({Reason}): check the realm's audience mapper")]
    private static partial void LogUnusableToken(ILogger logger, string reason);
}
