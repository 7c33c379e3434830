using System.Security.Claims;
using ChatCloud.Auth.Abuse;
using ChatCloud.Auth.Accounts;
using ChatCloud.Auth.Credentials;
using ChatCloud.Auth.Passwords;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChatCloud.Auth.AccountSecurity;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>
/// The signed-in user's own security (issue 4): password change, sign-out everywhere, the list of
/// sessions and revoking one. Each ending of sessions also tells every TCP edge to close the
/// account's connections (<c>auth.account-sessions-revoked.v1</c>, through the outbox).
/// </summary>
public static class AccountSecurityApi
{
    public const string CurrentPasswordField = "currentPassword";
    public const string NewPasswordField = "newPassword";

    public static IEndpointRouteBuilder MapAccountSecurityApi(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account").RequireAuthorization(AccountAuthentication.Policy);
        account.MapPost("/password", ChangePasswordAsync);
        account.MapPost("/sign-out-everywhere", SignOutEverywhereAsync);
        account.MapGet("/sessions", ListSessionsAsync);
        account.MapDelete("/sessions/{id}", RevokeSessionAsync);
        return endpoints;
    }

    // POST /account/password {currentPassword, newPassword}: the caller's session stays, every other one ends.
    private static async Task<Results<NoContent, ValidationProblem, NotFound<ProblemDetails>>> ChangePasswordAsync(
        ChangePasswordRequest request, ClaimsPrincipal user, AccountStore accounts, AccountChanges changes, AccountSessions sessions,
        PasswordHasher hasher, PasswordSignIn signIn, HttpContext http, CancellationToken cancellationToken)
    {
        var account = await accounts.FindCredentialsByIdAsync(user.AccountId(), cancellationToken);
        if (account is null || account.Disabled)
        {
            return Gone();
        }
        if (!await signIn.ConfirmAsync(account, request.CurrentPassword, TooManyRequests.RemoteAddress(http)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                [CurrentPasswordField] = ["The current password is not right."],
            }, title: "The password was not changed.");
        }
        if (PasswordRules.Check(request.NewPassword ?? "", account.Name) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [NewPasswordField] = [problem] },
                title: "The password was not changed.");
        }
        await changes.ChangePasswordAsync(account.Id, hasher.Hash(request.NewPassword!), cancellationToken);
        await sessions.RevokeAllAsync(account.Id, user.SessionId(), cancellationToken);
        return TypedResults.NoContent();
    }

    // POST /account/sign-out-everywhere: every refresh token, every sign-in session, every live IRC connection.
    private static async Task<NoContent> SignOutEverywhereAsync(
        ClaimsPrincipal user, AccountChanges changes, AccountSessions sessions, CancellationToken cancellationToken)
    {
        var id = user.AccountId();
        await sessions.RevokeAllAsync(id, keepSessionId: null, cancellationToken);
        await changes.RevokeSessionsAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    // GET /account/sessions: the token sessions (one per sign-in of a client); live IRC connections are not listed.
    private static async Task<Ok<List<AccountSession>>> ListSessionsAsync(ClaimsPrincipal user, AccountSessions sessions, CancellationToken cancellationToken)
    {
        var list = new List<AccountSession>();
        await foreach (var session in sessions.ListAsync(user.AccountId(), user.SessionId(), cancellationToken))
        {
            list.Add(session);
        }
        return TypedResults.Ok(list);
    }

    // DELETE /account/sessions/{id}: that session's refresh token stops working; others are untouched.
    private static async Task<Results<NoContent, NotFound<ProblemDetails>>> RevokeSessionAsync(
        string id, ClaimsPrincipal user, AccountSessions sessions, CancellationToken cancellationToken) =>
        await sessions.RevokeAsync(user.AccountId(), id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.NotFound(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "No such session.",
                Detail = "The account has no session with that id.",
            });

    internal static NotFound<ProblemDetails> Gone() => TypedResults.NotFound(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = "The account is gone.",
        Detail = "The account of this token no longer exists or is disabled.",
    });
}
