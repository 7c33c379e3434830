using ChatCloud.Auth.Accounts;
using ChatCloud.Auth.AppPasswords;
using Xunit;

namespace ChatCloud.Auth.Tests;

public sealed class AccountDeletionTests
{
    [Fact]
    public void A_tombstone_is_a_valid_nick_from_the_ids_tail_and_a_reserved_name()
    {
        var id = Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

        var tombstone = AccountChanges.Tombstone(id);

        Assert.Equal("deleted-2e3f4a5b", tombstone);
        Assert.True(AccountName.IsValid(tombstone));
        Assert.True(AccountName.IsReserved(tombstone));
    }

    [Theory]
    [InlineData("deleted-1234", true)]
    [InlineData("DELETED-abc", true)]
    [InlineData("deleted", false)]
    [InlineData("undeleted-x", false)]
    public void Names_starting_like_a_tombstone_are_reserved(string name, bool reserved) =>
        Assert.Equal(reserved, AccountName.IsReserved(name));

    [Fact]
    public void App_passwords_are_stored_as_their_SHA_256()
    {
        Assert.Equal(32, AppPasswordStore.Hash("secret").Length);
        Assert.Equal(AppPasswordStore.Hash("secret"), AppPasswordStore.Hash("secret"));
        Assert.NotEqual(AppPasswordStore.Hash("secret"), AppPasswordStore.Hash("Secret"));
    }
}
