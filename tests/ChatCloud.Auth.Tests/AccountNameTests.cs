using ChatCloud.Auth.Accounts;
using Xunit;

namespace ChatCloud.Auth.Tests;

public sealed class AccountNameTests
{
    [Theory]
    [InlineData("alice", true)]
    [InlineData("Alice_[away]", true)]
    [InlineData("9lives", false)]
    [InlineData("has space", false)]
    [InlineData("#room", false)]
    [InlineData("", false)]
    [InlineData("a-name-that-is-way-too-long-for-irc", false)]
    public void Account_names_are_valid_IRC_nicks(string name, bool valid)
    {
        Assert.Equal(valid, AccountName.IsValid(name));
    }

    [Fact]
    public void Names_that_IRC_treats_as_one_nick_fold_to_one_account()
    {
        Assert.Equal(AccountName.Fold("Alice[1]"), AccountName.Fold("alice{1}"));
        Assert.NotEqual(AccountName.Fold("alice"), AccountName.Fold("alicia"));
    }
}
