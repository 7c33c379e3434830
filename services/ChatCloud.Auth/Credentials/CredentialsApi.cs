using ChatCloud.Auth.Accounts;
using ChatCloud.Auth.Passwords;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChatCloud.Auth.Credentials;

public sealed record VerifyCredentialsRequest(string? Name, string? Password);

public sealed record VerifiedAccount(Guid Id, string Name, IReadOnlyList<string> Roles);

/// <summary>
/// <c>POST /credentials/verify</c>: one call per sign-in (IRC SASL PLAIN, PASS), so an edge checks a
/// password without holding hashes and without a round trip per message. Every refusal looks the
/// same — same status, same body, about the same time — so it does not tell which names exist.
/// </summary>
public static partial class CredentialsApi
{
    public static IEndpointRouteBuilder MapCredentialsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/credentials").MapPost("/verify", VerifyAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<VerifiedAccount>, ProblemHttpResult>> VerifyAsync(
        VerifyCredentialsRequest request, AccountStore accounts, PasswordHasher hasher, DummyPasswordHash dummy,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var name = request.Name ?? "";
        var password = request.Password ?? "";
        var found = AccountName.IsValid(name) ? await accounts.FindCredentialsAsync(name, cancellationToken) : null;
        // An unknown name is checked against a hash of the same cost, so it costs as long as a wrong password.
        var matches = PasswordHasher.Verify(password, found?.PasswordHash ?? dummy.Value);
        if (found is null || !matches || found.Disabled)
        {
            var logger = loggers.CreateLogger(typeof(CredentialsApi).FullName!);
            LogRefused(logger, found is null ? "unknown account" : found.Disabled ? "disabled account" : "wrong password");
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid credentials.",
                detail: "The account name or password is not right.");
        }
        if (hasher.NeedsRehash(found.PasswordHash))
        {
            await accounts.UpdatePasswordHashAsync(found.Id, hasher.Hash(password), cancellationToken);
        }
        return TypedResults.Ok(new VerifiedAccount(found.Id, found.Name, found.Roles));
    }

    // Neither the password nor the name tried: a log of names tried would list who has accounts.
    [LoggerMessage(Level = LogLevel.Information, Message = "A sign-in was refused ({Reason})")]
    private static partial void LogRefused(ILogger logger, string reason);
}

/// <summary>A hash of a random password at the configured cost, made once, to verify unknown names against.</summary>
public sealed class DummyPasswordHash(PasswordHasher hasher)
{
    private readonly Lazy<string> _value = new(() => hasher.Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public string Value => _value.Value;
}
