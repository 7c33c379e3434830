using System.Security.Claims;
using System.Text.Json;
using ChatCloud.Auth.Abuse;
using ChatCloud.Auth.Accounts;
using ChatCloud.Auth.AccountSecurity;
using ChatCloud.Auth.AppPasswords;
using ChatCloud.Auth.Credentials;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChatCloud.Auth.Privacy;

public sealed record DeleteAccountRequest(string? Password);

/// <summary>Everything ChatCloud holds about the account (docs/privacy.md): the auth service's part and the messages service's.</summary>
public sealed record AccountExport(
    DateTimeOffset ExportedAt, AccountProfile Profile, IReadOnlyList<AppPassword> AppPasswords, IReadOnlyList<AccountSession> Sessions, JsonElement Messages);

/// <summary>
/// <c>GET /account/export</c> and <c>DELETE /account</c> (issue 4, docs/privacy.md). The auth service
/// is where the export is put together: it knows the account, and asks the messages service for its
/// part. Deletion needs the password again, and is announced as <c>auth.account-deleted.v1</c>.
/// </summary>
public static partial class PrivacyApi
{
    public const string PasswordField = "password";

    public static IEndpointRouteBuilder MapPrivacyApi(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account").RequireAuthorization(AccountAuthentication.Policy);
        account.MapGet("/export", ExportAsync);
        account.MapDelete("/", DeleteAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<AccountExport>, NotFound<ProblemDetails>, ProblemHttpResult>> ExportAsync(
        ClaimsPrincipal user, AccountChanges changes, AppPasswordStore appPasswords, AccountSessions sessions, MessagesExportClient messages,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var id = user.AccountId();
        var profile = await changes.ProfileAsync(id, cancellationToken);
        if (profile is null)
        {
            return AccountSecurityApi.Gone();
        }
        // All or nothing: a partial export would look complete to the person reading it.
        if (await messages.ExportAsync(id, cancellationToken) is not { } messagesPart)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The export is not available right now.",
                detail: "The messages service did not answer; try again in a moment.");
        }
        var sessionList = new List<AccountSession>();
        await foreach (var session in sessions.ListAsync(id, user.SessionId(), cancellationToken))
        {
            sessionList.Add(session);
        }
        return TypedResults.Ok(new AccountExport(time.GetUtcNow(), profile, await appPasswords.ListAsync(id, cancellationToken), sessionList, messagesPart));
    }

    // DELETE /account {password}: the account, its app passwords and sessions go at once; the messages
    // service anonymises its part when the event reaches it.
    private static async Task<Results<NoContent, ValidationProblem, NotFound<ProblemDetails>>> DeleteAsync(
        [FromBody] DeleteAccountRequest request, ClaimsPrincipal user, AccountStore accounts, AccountChanges changes, AccountSessions sessions,
        PasswordSignIn signIn, HttpContext http, ILogger<DeleteAccountRequest> logger, CancellationToken cancellationToken)
    {
        var account = await accounts.FindCredentialsByIdAsync(user.AccountId(), cancellationToken);
        if (account is null)
        {
            return AccountSecurityApi.Gone();
        }
        if (!await signIn.ConfirmAsync(account, request.Password, TooManyRequests.RemoteAddress(http)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                [PasswordField] = ["The password is not right."],
            }, title: "The account was not deleted.");
        }
        await sessions.RevokeAllAsync(account.Id, keepSessionId: null, cancellationToken);
        await changes.DeleteAsync(account.Id, account.Name, cancellationToken);
        LogDeleted(logger, account.Id);
        return TypedResults.NoContent();
    }

    // The id only: the name is personal data the deletion is meant to remove.
    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted the account {AccountId} at its owner's request")]
    private static partial void LogDeleted(ILogger logger, Guid accountId);
}
