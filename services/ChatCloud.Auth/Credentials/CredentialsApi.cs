using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatCloud.Auth.Credentials;

public sealed record VerifyCredentialsRequest(string? Name, string? Password);

public sealed record VerifiedAccount(Guid Id, string Name, IReadOnlyList<string> Roles);

/// <summary>
/// <c>POST /credentials/verify</c>: one call per sign-in (IRC SASL PLAIN, PASS), so an edge checks a
/// password without holding hashes and without a round trip per message. Every refusal looks the
/// same — same status, same body, about the same time — so it does not tell which names exist.
/// </summary>
public static class CredentialsApi
{
    public static IEndpointRouteBuilder MapCredentialsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/credentials").MapPost("/verify", VerifyAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<VerifiedAccount>, ProblemHttpResult>> VerifyAsync(
        VerifyCredentialsRequest request, PasswordSignIn signIn, CancellationToken cancellationToken)
    {
        var found = await signIn.VerifyAsync(request.Name, request.Password, cancellationToken);
        if (found is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid credentials.",
                detail: "The account name or password is not right.");
        }
        return TypedResults.Ok(new VerifiedAccount(found.Id, found.Name, found.Roles));
    }
}
