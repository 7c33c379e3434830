using System.ComponentModel.DataAnnotations;

namespace ChatCloud.Auth.Abuse;

/// <summary>
/// Section <c>Auth:Abuse</c>: rate limits per client address and the per-account lock-out (issue 4,
/// docs/security.md "Abuse protection"). Counted in Redis, so every replica sees the same numbers.
/// </summary>
public sealed class AbuseOptions : IValidatableObject
{
    public const string SectionName = "Auth:Abuse";

    /// <summary>Failed sign-ins from one address (any account, known or not) before it gets 429 for a while.</summary>
    public WindowLimit SignInFailuresPerAddress { get; set; } = new() { Limit = 30, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Sign-up attempts (each POST /accounts, IRC REGISTER) from one address.</summary>
    public WindowLimit RegistrationsPerAddress { get; set; } = new() { Limit = 20, Window = TimeSpan.FromHours(1) };

    /// <summary>Requests to the token endpoint (code and refresh grants) from one address.</summary>
    public WindowLimit TokenRequestsPerAddress { get; set; } = new() { Limit = 120, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Consecutive failures on one account name (existing or not) inside <see cref="LockoutWindow"/> that lock it.</summary>
    [Range(1, 1000)]
    public int LockoutFailures { get; set; } = 10;

    public TimeSpan LockoutWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a lock lasts; it ends by itself.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, limit) in new[]
        {
            (nameof(SignInFailuresPerAddress), SignInFailuresPerAddress),
            (nameof(RegistrationsPerAddress), RegistrationsPerAddress),
            (nameof(TokenRequestsPerAddress), TokenRequestsPerAddress),
        })
        {
            if (limit.Limit < 1 || limit.Window <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"{name} needs a positive Limit and Window.", [name]);
            }
        }
        if (LockoutWindow <= TimeSpan.Zero || LockoutDuration <= TimeSpan.Zero)
        {
            yield return new ValidationResult("LockoutWindow and LockoutDuration must be positive.", [nameof(LockoutDuration)]);
        }
    }
}

/// <summary>At most <see cref="Limit"/> events in any sliding <see cref="Window"/>.</summary>
public sealed class WindowLimit
{
    public int Limit { get; set; }

    public TimeSpan Window { get; set; }
}
