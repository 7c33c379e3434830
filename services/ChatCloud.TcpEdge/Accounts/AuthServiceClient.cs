using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatCloud.Authentication;
using ChatCloud.TcpEdge.Server;
using Microsoft.Extensions.Options;

namespace ChatCloud.TcpEdge.Accounts;

/// <summary>
/// Typed HttpClient for the auth service (<c>http://auth</c> through service discovery). No retries:
/// sign-up is not idempotent, and a person waiting at a sign-in is better told "try again" at once
/// than after three back-offs.
/// </summary>
public sealed partial class AuthServiceClient(
    HttpClient http, AccessTokenValidator tokens, IOptions<IrcServerOptions> options, IOptions<IdentityOptions> identity, ILogger<AuthServiceClient> logger)
    : IAccountService
{
    private sealed record Verified(Guid Id, string Name, Guid? AppPasswordId = null);

    private sealed record Problem(string? Title, string? Detail, Dictionary<string, string[]>? Errors);

    public async Task<SignInResult> VerifyAsync(string name, string password, string clientAddress, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(cancellationToken);
        try
        {
            using var response = await http.PostAsJsonAsync("credentials/verify", new { name, password, clientAddress }, deadline.Token);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    var verified = await response.Content.ReadFromJsonAsync<Verified>(deadline.Token);
                    return verified is null ? Unavailable(response.StatusCode) : new SignInResult(SignInOutcome.SignedIn, new AccountIdentity(verified.Id, verified.Name, verified.AppPasswordId));
                // 429: the client's address failed too often; to the client that is one more refusal (904).
                case HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests:
                    return new SignInResult(SignInOutcome.Refused);
                default:
                    LogUnexpectedStatus(logger, "credentials/verify", (int)response.StatusCode);
                    return new SignInResult(SignInOutcome.Unavailable);
            }
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            LogUnreachable(logger, exception, "credentials/verify");
            return new SignInResult(SignInOutcome.Unavailable);
        }
    }

    public async Task<SignInResult> VerifyAccessTokenAsync(string accessToken, CancellationToken cancellationToken)
    {
        // Bounded like a password check: the first call (or a key refresh) fetches the JWKS from auth.
        using var deadline = Deadline(cancellationToken);
        try
        {
            var result = await tokens.ValidateAsync(accessToken, deadline.Token);
            // Our own tokens: is the account still enabled, and not signed out since the token was issued?
            // A JWT alone would sign in for its whole lifetime after a sign-out everywhere. One call per
            // sign-in, none per message; Keycloak's accounts are Keycloak's to disable.
            return result.Outcome == SignInOutcome.SignedIn && identity.Value.Provider == IdentityProvider.Builtin
                ? await CheckSessionAsync(result, deadline.Token)
                : result;
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, exception, ".well-known/openid-configuration");
            return new SignInResult(SignInOutcome.Unavailable);
        }
    }

    private async Task<SignInResult> CheckSessionAsync(SignInResult signedIn, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("credentials/session-check",
                new { accountId = signedIn.Account!.Id, issuedAt = signedIn.IssuedAt }, cancellationToken);
            switch (response.StatusCode)
            {
                case HttpStatusCode.NoContent:
                    return signedIn;
                case HttpStatusCode.Unauthorized:
                    LogSessionEnded(logger);
                    return new SignInResult(SignInOutcome.Refused);
                default:
                    LogUnexpectedStatus(logger, "credentials/session-check", (int)response.StatusCode);
                    return new SignInResult(SignInOutcome.Unavailable);
            }
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            LogUnreachable(logger, exception, "credentials/session-check");
            return new SignInResult(SignInOutcome.Unavailable);
        }
    }

    public async Task<RegistrationResult> RegisterAsync(string name, string? email, string password, string clientAddress, CancellationToken cancellationToken)
    {
        using var deadline = Deadline(cancellationToken);
        try
        {
            using var response = await http.PostAsJsonAsync("accounts", new { name, password, email, clientAddress }, deadline.Token);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                var created = await response.Content.ReadFromJsonAsync<Verified>(deadline.Token);
                return created is null
                    ? new RegistrationResult(RegistrationOutcome.Unavailable)
                    : new RegistrationResult(RegistrationOutcome.Created, new AccountIdentity(created.Id, created.Name));
            }
            if (response.StatusCode is not (HttpStatusCode.Conflict or HttpStatusCode.BadRequest))
            {
                LogUnexpectedStatus(logger, "accounts", (int)response.StatusCode);
                return new RegistrationResult(RegistrationOutcome.Unavailable);
            }
            var problem = await response.Content.ReadFromJsonAsync<Problem>(deadline.Token);
            return response.StatusCode == HttpStatusCode.Conflict
                ? new RegistrationResult(RegistrationOutcome.NameTaken, Message: problem?.Detail)
                : Refusal(problem);
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            LogUnreachable(logger, exception, "accounts");
            return new RegistrationResult(RegistrationOutcome.Unavailable);
        }
    }

    /// <summary>The auth service's validation problem: its <c>errors</c> keys say which field, the first message why.</summary>
    private static RegistrationResult Refusal(Problem? problem)
    {
        foreach (var (field, outcome) in new[] { ("name", RegistrationOutcome.BadName), ("password", RegistrationOutcome.WeakPassword), ("email", RegistrationOutcome.BadEmail) })
        {
            if (problem?.Errors?.TryGetValue(field, out var messages) == true)
            {
                return new RegistrationResult(outcome, Message: messages.FirstOrDefault());
            }
        }
        return new RegistrationResult(RegistrationOutcome.BadName, Message: problem?.Title);
    }

    private CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.AccountServiceTimeout);
        return deadline;
    }

    private SignInResult Unavailable(HttpStatusCode status)
    {
        LogUnexpectedStatus(logger, "credentials/verify", (int)status);
        return new SignInResult(SignInOutcome.Unavailable);
    }

    // The connection closing is not the auth service's failure: let that cancellation through.
    private static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or JsonException or NotSupportedException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The auth service could not be reached for {Endpoint}")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "A valid access token was refused: its account is disabled, deleted or signed out since")]
    private static partial void LogSessionEnded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The auth service answered {Endpoint} with status {Status}")]
    private static partial void LogUnexpectedStatus(ILogger logger, string endpoint, int status);
}
