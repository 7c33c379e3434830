using ChatCloud.Auth.Abuse;
using ChatCloud.Auth.Passwords;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChatCloud.Auth.Accounts;

/// <summary><see cref="ClientAddress"/>: the IRC client's IP when the edge signs one up (REGISTER), for the per-address limit.</summary>
public sealed record CreateAccountRequest(string? Name, string? Password, string? Email, string? ClientAddress = null);

public sealed record CreatedAccount(Guid Id, string Name);

/// <summary>
/// <c>POST /accounts</c>: sign-up, for the IRC edge's <c>REGISTER</c> and later the web app. Not
/// authenticated yet: service-to-service authentication comes with the identity work
/// (docs/architecture.md, "Accounts at connect").
/// </summary>
public static partial class AccountsApi
{
    /// <summary>The keys of a 400's <c>errors</c>; callers map them to their own codes (the edge: FAIL REGISTER …).</summary>
    public const string NameField = "name";
    public const string PasswordField = "password";
    public const string EmailField = "email";

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/accounts").MapPost("/", CreateAsync);
        return endpoints;
    }

    /// <summary>
    /// <c>POST /api/auth/accounts</c>: sign-up from the web app, through the gateway, before anyone has
    /// a token. The per-address limit counts the connection's address (the browser's, from the
    /// gateway's X-Forwarded-For), never a <c>clientAddress</c> the body claims.
    /// </summary>
    public static IEndpointRouteBuilder MapBrowserSignUpApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/accounts", (CreateAccountRequest request, AccountStore accounts, PasswordHasher hasher, AbuseGuard guard, HttpContext http,
                ILoggerFactory loggers, CancellationToken cancellationToken) =>
            CreateAsync(request with { ClientAddress = null }, accounts, hasher, guard, http, loggers, cancellationToken))
            .AllowAnonymous();
        return endpoints;
    }

    private static async Task<Results<Created<CreatedAccount>, ValidationProblem, Conflict<ProblemDetails>, ProblemHttpResult>> CreateAsync(
        CreateAccountRequest request, AccountStore accounts, PasswordHasher hasher, AbuseGuard guard, HttpContext http, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        // Every attempt counts, valid or not: a 409 tells whether a name is taken, so probing is limited too.
        var limit = await guard.TryRegistrationAsync(TooManyRequests.AddressOf(request.ClientAddress) ?? TooManyRequests.RemoteAddress(http));
        if (!limit.Allowed)
        {
            return TooManyRequests.Problem(http, limit.RetryAfter);
        }
        var name = request.Name ?? "";
        var errors = Validate(name, request.Password ?? "", request.Email);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The account cannot be created as asked.");
        }
        var email = string.IsNullOrEmpty(request.Email) ? null : request.Email;
        var created = await accounts.TryCreateAsync(name, name, email, hasher.Hash(request.Password!), [Roles.User], cancellationToken);
        if (created is null)
        {
            return TypedResults.Conflict(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The account name is taken.",
                Detail = $"An account named {name} exists already (names are compared without case).",
            });
        }
        var logger = loggers.CreateLogger(typeof(AccountsApi).FullName!);
        LogCreated(logger, created.Name);
        return TypedResults.Created($"/accounts/{created.Id}", new CreatedAccount(created.Id, created.Name));
    }

    private static Dictionary<string, string[]> Validate(string name, string password, string? email)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!AccountName.IsValid(name))
        {
            errors[NameField] = [$"An account name is a valid IRC nick: up to {AccountName.MaxLength} characters, no spaces, not starting with a digit or '-'."];
        }
        else if (AccountName.IsReserved(name))
        {
            errors[NameField] = [$"Names starting with {AccountName.TombstonePrefix} are reserved for deleted accounts."];
        }
        if (PasswordRules.Check(password, name) is { } problem)
        {
            errors[PasswordField] = [problem];
        }
        if (!string.IsNullOrEmpty(email) && !EmailAddress.IsPlausible(email))
        {
            errors[EmailField] = ["That does not look like an email address."];
        }
        return errors;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the account {Name}")]
    private static partial void LogCreated(ILogger logger, string name);
}
