using System.Reflection;

namespace ChatCloud.Irc.Tests;

public sealed class NumericsTests
{
    private static readonly FieldInfo[] Constants =
        typeof(Numerics).GetFields(BindingFlags.Public | BindingFlags.Static);

    [Fact]
    public void Every_numeric_is_three_digits_and_unique()
    {
        var values = Constants.Select(field => (string)field.GetValue(null)!).ToList();

        Assert.NotEmpty(values);
        Assert.All(values, value => Assert.Matches("^[0-9]{3}$", value));
        Assert.Equal(values.Count, values.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Names_follow_the_rpl_and_err_convention()
    {
        Assert.All(Constants, field => Assert.Matches("^(RPL|ERR)_[A-Z]+$", field.Name));
    }

    [Theory]
    [InlineData(Numerics.RPL_WELCOME, "001")]
    [InlineData(Numerics.RPL_ISUPPORT, "005")]
    [InlineData(Numerics.ERR_NOSUCHNICK, "401")]
    [InlineData(Numerics.ERR_INPUTTOOLONG, "417")]
    [InlineData(Numerics.ERR_NICKNAMEINUSE, "433")]
    [InlineData(Numerics.ERR_NOTREGISTERED, "451")]
    [InlineData(Numerics.ERR_NEEDMOREPARAMS, "461")]
    [InlineData(Numerics.ERR_CHANOPRIVSNEEDED, "482")]
    [InlineData(Numerics.RPL_MONONLINE, "730")]
    [InlineData(Numerics.ERR_MONLISTFULL, "734")]
    [InlineData(Numerics.RPL_LOGGEDIN, "900")]
    [InlineData(Numerics.RPL_SASLMECHS, "908")]
    public void Has_the_values_of_the_spec(string constant, string expected)
    {
        Assert.Equal(expected, constant);
    }
}
