using ChatCloud.Auth.Abuse;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatCloud.Auth.Credentials;

/// <summary>
/// The edge's request: <see cref="ClientAddress"/> is the IRC client's IP, for the per-address limit
/// (without it only the per-account lock-out applies: the edge's own address is everyone's).
/// </summary>
public sealed record VerifyCredentialsRequest(string? Name, string? Password, string? ClientAddress = null);

public sealed record VerifiedAccount(Guid Id, string Name, IReadOnlyList<string> Roles);

/// <summary>
/// <c>POST /credentials/verify</c>: one call per IRC sign-in (SASL PLAIN, PASS), so an edge checks a
/// password — or an app password — without holding hashes and without a round trip per message.
/// Every refusal looks the same — same status, same body, about the same time — so it does not tell
/// which names exist or which are locked out.
/// </summary>
public static class CredentialsApi
{
    public static IEndpointRouteBuilder MapCredentialsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/credentials").MapPost("/verify", VerifyAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<VerifiedAccount>, ProblemHttpResult>> VerifyAsync(
        VerifyCredentialsRequest request, PasswordSignIn signIn, HttpContext http, CancellationToken cancellationToken)
    {
        var attempt = await signIn.VerifyAsync(request.Name, request.Password, TooManyRequests.AddressOf(request.ClientAddress), SignInChannel.Irc, cancellationToken);
        if (attempt.RetryAfter is { } retryAfter)
        {
            return TooManyRequests.Problem(http, retryAfter);
        }
        if (attempt.Account is not { } found)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid credentials.",
                detail: "The account name or password is not right.");
        }
        return TypedResults.Ok(new VerifiedAccount(found.Id, found.Name, found.Roles));
    }
}
