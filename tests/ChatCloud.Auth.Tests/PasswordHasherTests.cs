using ChatCloud.Auth.Passwords;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatCloud.Auth.Tests;

public sealed class PasswordHasherTests
{
    // Small cost keeps the tests fast; the format and the checks are the same at any cost.
    private static PasswordHasher Hasher(int memoryKib = 8 * 1024, int iterations = 1) =>
        new(Options.Create(new PasswordHashingOptions { MemoryKib = memoryKib, Iterations = iterations, Parallelism = 1 }));

    [Fact]
    public void A_hash_verifies_its_password_and_no_other()
    {
        var hash = Hasher().Hash("correct horse battery staple");

        Assert.True(PasswordHasher.Verify("correct horse battery staple", hash));
        Assert.False(PasswordHasher.Verify("correct horse battery stapler", hash));
        Assert.False(PasswordHasher.Verify("", hash));
    }

    [Fact]
    public void Hashes_are_salted_PHC_strings_that_carry_their_cost()
    {
        var first = Hasher().Hash("same password");
        var second = Hasher().Hash("same password");

        Assert.NotEqual(first, second);
        Assert.Matches(@"^\$argon2id\$v=19\$m=8192,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$", first);
    }

    [Fact]
    public void A_hash_made_at_an_older_cost_still_verifies_and_asks_for_a_rehash()
    {
        var old = Hasher(iterations: 1).Hash("pa55word-for-now");
        var current = Hasher(iterations: 2);

        Assert.True(PasswordHasher.Verify("pa55word-for-now", old));
        Assert.True(current.NeedsRehash(old));
        Assert.False(current.NeedsRehash(current.Hash("pa55word-for-now")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("$argon2i$v=19$m=8192,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")]
    [InlineData("$argon2id$v=19$m=0,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")]
    [InlineData("$argon2id$v=19$m=8192,t=1,p=1$!!!$aGFzaA")]
    public void Malformed_hashes_never_verify(string encoded)
    {
        Assert.False(PasswordHasher.Verify("anything", encoded));
    }
}
