using System.ComponentModel.DataAnnotations;

namespace ChatCloud.Auth.Passwords;

/// <summary>
/// Argon2id cost, section <c>Auth:PasswordHashing</c>. Defaults are OWASP's minimum for Argon2id
/// (19 MiB, 2 passes, 1 lane); raise them where sign-ins are rare and memory is plenty.
/// </summary>
public sealed class PasswordHashingOptions
{
    public const string SectionName = "Auth:PasswordHashing";

    [Range(8 * 1024, 1024 * 1024)]
    public int MemoryKib { get; set; } = 19 * 1024;

    [Range(1, 20)]
    public int Iterations { get; set; } = 2;

    [Range(1, 16)]
    public int Parallelism { get; set; } = 1;
}
