using System.Security.Claims;
using ChatCloud.Auth.AccountSecurity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChatCloud.Auth.AppPasswords;

public sealed record CreateAppPasswordRequest(string? Name);

/// <summary>The secret, in the one answer that ever shows it.</summary>
public sealed record CreatedAppPassword(Guid Id, string Name, string Password, DateTimeOffset CreatedAt);

/// <summary>
/// <c>/account/app-passwords</c>: passwords for IRC clients that cannot do OAUTHBEARER (irssi,
/// WeeChat's PLAIN), one per client, each revocable alone. <c>POST /credentials/verify</c> takes
/// them in place of the password; the web sign-in page does not.
/// </summary>
public static class AppPasswordsApi
{
    public const string NameField = "name";

    public static IEndpointRouteBuilder MapAppPasswordsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/account/app-passwords").RequireAuthorization(AccountAuthentication.Policy);
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapDelete("/{id:guid}", RevokeAsync);
        return endpoints;
    }

    private static async Task<Results<Created<CreatedAppPassword>, ValidationProblem, Conflict<ProblemDetails>>> CreateAsync(
        CreateAppPasswordRequest request, ClaimsPrincipal user, AppPasswordStore store, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > AppPasswordStore.MaxNameLength || name.Any(char.IsControl))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                [NameField] = [$"Name the app password (1 to {AppPasswordStore.MaxNameLength} characters), e.g. the client that will use it."],
            }, title: "The app password was not created.");
        }
        var created = await store.CreateAsync(user.AccountId(), name, cancellationToken);
        if (created is not { } made)
        {
            return TypedResults.Conflict(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Too many app passwords.",
                Detail = $"An account has at most {AppPasswordStore.MaxPerAccount}; revoke one first.",
            });
        }
        return TypedResults.Created($"/account/app-passwords/{made.Password.Id}",
            new CreatedAppPassword(made.Password.Id, made.Password.Name, made.Secret, made.Password.CreatedAt));
    }

    private static async Task<Ok<IReadOnlyList<AppPassword>>> ListAsync(ClaimsPrincipal user, AppPasswordStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(user.AccountId(), cancellationToken));

    private static async Task<Results<NoContent, NotFound<ProblemDetails>>> RevokeAsync(
        Guid id, ClaimsPrincipal user, AppPasswordStore store, CancellationToken cancellationToken) =>
        await store.RevokeAsync(user.AccountId(), id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.NotFound(new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "No such app password.",
                Detail = "The account has no app password with that id.",
            });
}
