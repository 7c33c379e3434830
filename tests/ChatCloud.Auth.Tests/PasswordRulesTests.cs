using ChatCloud.Auth.Accounts;
using ChatCloud.Auth.Passwords;
using Xunit;

namespace ChatCloud.Auth.Tests;

public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("12345678")]
    [InlineData("пароль-дуже-довгий")]
    [InlineData("🔑🔑🔑🔑🔑🔑🔑🔑")] // eight characters, though 32 bytes and 16 UTF-16 units
    public void Sensible_passwords_are_accepted(string password) =>
        Assert.Null(PasswordRules.Check(password, "alice"));

    [Theory]
    [InlineData("", "at least 8")]
    [InlineData("1234567", "at least 8")]
    [InlineData("🔑🔑🔑🔑🔑🔑🔑", "at least 8")] // 14 UTF-16 units, but seven characters
    [InlineData("Alice[1]", "account name")]
    [InlineData("alice{1} ", "account name")]
    [InlineData("pass\0word", "NUL")]
    public void Weak_or_unusable_passwords_are_refused_with_a_reason(string password, string reason) =>
        Assert.Contains(reason, PasswordRules.Check(password, "Alice[1]"), StringComparison.Ordinal);

    [Fact]
    public void The_length_is_bounded_at_256_characters()
    {
        Assert.Null(PasswordRules.Check(new string('x', 256), "alice"));
        Assert.Contains("at most 256", PasswordRules.Check(new string('x', 257), "alice"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice@example.org", true)]
    [InlineData("a@b", true)]
    [InlineData("alice", false)]
    [InlineData("@example.org", false)]
    [InlineData("alice@", false)]
    [InlineData("al ice@example.org", false)]
    [InlineData("a@b@c", false)]
    public void Email_addresses_are_checked_for_shape_only(string email, bool plausible) =>
        Assert.Equal(plausible, EmailAddress.IsPlausible(email));
}
