using ChatCloud.Auth.Accounts;
using ChatCloud.Auth.AccountSecurity;
using ChatCloud.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace ChatCloud.Auth.Administration;

public sealed record AdminAccountView(Guid Id, string Name, string DisplayName, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, bool Disabled);

public sealed record GrantRoleRequest(string? Role);

/// <summary>
/// The administrators' surface of the auth service (issue 4: "more admins are granted by an admin"),
/// behind the <c>admin</c> policy: the role comes from the caller's token, so a promotion shows in the
/// promoted person's next token (at their next refresh, at most one access-token lifetime later).
/// <list type="bullet">
/// <item><c>GET /admin/accounts?limit=N&amp;after=name</c> — accounts by name, a page at a time</item>
/// <item><c>POST /admin/accounts/{id}/roles</c> <c>{"role":"admin"}</c> — grants a role (idempotent)</item>
/// <item><c>DELETE /admin/accounts/{id}/roles/{role}</c> — takes it away (idempotent)</item>
/// <item><c>POST /admin/accounts/{id}/disable</c>, <c>/enable</c> — a disabled account cannot sign in, and its live sessions end</item>
/// </list>
/// Nothing here can leave the service without an active administrator (409), and nobody disables
/// their own account (409): both would lock the administrators out with nobody left to let them in.
/// </summary>
public static partial class AdminAccountsApi
{
    public const int MaxPage = 200;
    private static readonly string[] GrantableRoles = [Roles.User, Roles.Admin];

    public static IEndpointRouteBuilder MapAdminAccountsApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin/accounts").RequireAuthorization(ChatCloudPolicies.Admin);
        admin.MapGet("/", ListAsync);
        admin.MapPost("/{id:guid}/roles", GrantAsync);
        admin.MapDelete("/{id:guid}/roles/{role}", RevokeAsync);
        admin.MapPost("/{id:guid}/disable", DisableAsync);
        admin.MapPost("/{id:guid}/enable", EnableAsync);
        return endpoints;
    }

    private static async Task<Ok<List<AdminAccountView>>> ListAsync(int? limit, string? after, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, name, display_name, roles, created_at, disabled_at IS NOT NULL FROM auth.accounts
            WHERE name_folded > $1 ORDER BY name_folded LIMIT $2
            """);
        command.Parameters.AddWithValue(after is null ? "" : AccountName.Fold(after));
        command.Parameters.AddWithValue(Math.Clamp(limit ?? 50, 1, MaxPage));
        var accounts = new List<AdminAccountView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add(new AdminAccountView(reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<string[]>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetBoolean(5)));
        }
        return TypedResults.Ok(accounts);
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> GrantAsync(
        Guid id, GrantRoleRequest request, HttpContext http, NpgsqlDataSource dataSource, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (request.Role is not { } role || !GrantableRoles.Contains(role, StringComparer.Ordinal))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["role"] = [$"A role is one of: {string.Join(", ", GrantableRoles)}."],
            });
        }
        await using var command = dataSource.CreateCommand("""
            UPDATE auth.accounts SET roles = CASE WHEN $2 = ANY (roles) THEN roles ELSE array_append(roles, $2) END
            WHERE id = $1
            """);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(role);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return TypedResults.NotFound();
        }
        var logger = loggers.CreateLogger(typeof(AdminAccountsApi).FullName!);
        LogGranted(logger, role, id, http.User.Identity?.Name);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem, Conflict<ProblemDetails>>> RevokeAsync(
        Guid id, string role, HttpContext http, AccountAdministration administration, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!GrantableRoles.Contains(role, StringComparer.Ordinal))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["role"] = [$"A role is one of: {string.Join(", ", GrantableRoles)}."],
            });
        }
        var outcome = await administration.RevokeRoleAsync(id, role, cancellationToken);
        if (outcome == AdministrationOutcome.Done)
        {
            var logger = loggers.CreateLogger(typeof(AdminAccountsApi).FullName!);
            LogRevoked(logger, role, id, http.User.Identity?.Name);
        }
        return Answer(outcome);
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem, Conflict<ProblemDetails>>> DisableAsync(
        Guid id, HttpContext http, AccountAdministration administration, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (http.User.AccountId() == id)
        {
            return TypedResults.Conflict(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "You cannot disable your own account.",
                Detail = "Ask another administrator.",
            });
        }
        var outcome = await administration.DisableAsync(id, cancellationToken);
        if (outcome == AdministrationOutcome.Done)
        {
            var logger = loggers.CreateLogger(typeof(AdminAccountsApi).FullName!);
            LogDisabled(logger, id, http.User.Identity?.Name);
        }
        return Answer(outcome);
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem, Conflict<ProblemDetails>>> EnableAsync(
        Guid id, HttpContext http, AccountAdministration administration, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var outcome = await administration.EnableAsync(id, cancellationToken);
        if (outcome == AdministrationOutcome.Done)
        {
            var logger = loggers.CreateLogger(typeof(AdminAccountsApi).FullName!);
            LogEnabled(logger, id, http.User.Identity?.Name);
        }
        return Answer(outcome);
    }

    private static Results<NoContent, NotFound, ValidationProblem, Conflict<ProblemDetails>> Answer(AdministrationOutcome outcome) => outcome switch
    {
        AdministrationOutcome.Done => TypedResults.NoContent(),
        AdministrationOutcome.NotFound => TypedResults.NotFound(),
        _ => TypedResults.Conflict(new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "That would leave no active administrator.",
            Detail = "Grant the admin role to another account first.",
        }),
    };

    // Who granted what to whom: an audit line, with ids and names only.
    [LoggerMessage(Level = LogLevel.Information, Message = "Granted the role {Role} to the account {AccountId} (by {Administrator})")]
    private static partial void LogGranted(ILogger logger, string role, Guid accountId, string? administrator);

    [LoggerMessage(Level = LogLevel.Information, Message = "Took the role {Role} from the account {AccountId} (by {Administrator})")]
    private static partial void LogRevoked(ILogger logger, string role, Guid accountId, string? administrator);

    [LoggerMessage(Level = LogLevel.Information, Message = "Disabled the account {AccountId} (by {Administrator})")]
    private static partial void LogDisabled(ILogger logger, Guid accountId, string? administrator);

    [LoggerMessage(Level = LogLevel.Information, Message = "Enabled the account {AccountId} (by {Administrator})")]
    private static partial void LogEnabled(ILogger logger, Guid accountId, string? administrator);
}
