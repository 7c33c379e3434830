using ChatCloud.Irc;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

public sealed class RegistrationTests
{
    [Theory]
    [InlineData("NICK", "431")]
    [InlineData("NICK 9lives", "432")]
    [InlineData("NICK :has space", "432")]
    [InlineData("NICK #chan", "432")]
    [InlineData("USER onlyone", "461")]
    [InlineData("MOTD", "451")]
    [InlineData("JUGGLE", "451")]
    [InlineData("CAP FLY", "410")]
    public async Task Bad_registration_commands_get_the_spec_numeric(string line, string numeric)
    {
        await using var connection = new TestConnection();

        connection.Send(line);

        Assert.Equal(numeric, Verb(await connection.ExpectAsync(_ => true)));
        Assert.False(connection.Session.IsRegistered);
    }

    [Fact]
    public async Task NICK_and_USER_in_either_order_register()
    {
        await using var connection = new TestConnection();

        connection.Send("USER bob 0 * :Bob");
        connection.Send("NICK bob");

        Assert.True(connection.Session.IsRegistered);
        Assert.Equal($":chatcloud.local 001 bob :Welcome to the ChatCloud Network, bob!~bob@{TestConnection.GuestHost}", await connection.ExpectAsync(_ => true));
    }

    [Fact]
    public async Task Capability_negotiation_holds_the_welcome_until_CAP_END()
    {
        await using var connection = new TestConnection();

        connection.Send("CAP LS 302");
        connection.Send("NICK carol");
        connection.Send("USER carol 0 * :Carol");
        var held = connection.Session.IsRegistered;
        connection.Send("CAP END");

        Assert.False(held);
        Assert.True(connection.Session.IsRegistered);
        Assert.Equal("001", Verb(await connection.ExpectAsync(line => Verb(line) != "CAP")));
    }

    [Fact]
    public async Task A_registered_user_can_change_nick_and_hears_about_it()
    {
        await using var connection = new TestConnection();
        connection.Register("dave");

        connection.Send("NICK Dave");

        Assert.Equal($":dave!~dave@{TestConnection.GuestHost} NICK Dave", await connection.ExpectAsync(line => Verb(line) == "NICK"));
        Assert.Equal("Dave", connection.Session.Nick);
    }

    [Fact]
    public async Task Two_sessions_cannot_hold_the_same_nick_under_rfc1459_casemapping()
    {
        var server = CreateServer(TimeProvider.System);
        await using var first = new TestConnection(server);
        await using var second = new TestConnection(server);
        first.Register("Erin[away]");

        second.Send("NICK erin{AWAY}");

        Assert.Equal("433", Verb(await second.ExpectAsync(_ => true)));
    }

    [Fact]
    public async Task Replies_that_echo_client_input_stay_well_formed()
    {
        await using var connection = new TestConnection();
        connection.Register("grace");

        connection.Send("NICK :bad nick");
        var badNick = await connection.ExpectAsync(line => Verb(line) == "432");
        connection.Send(new string('X', 400));
        var unknown = await connection.ExpectAsync(line => Verb(line) == "421");

        Assert.Equal(":chatcloud.local 432 grace * :Erroneous nickname", badNick);
        Assert.Equal($":chatcloud.local 421 grace {new string('X', 64)} :Unknown command", unknown);
    }

    [Fact]
    public async Task The_welcome_burst_follows_ISUPPORT_with_LUSERS_then_the_MOTD()
    {
        await using var connection = new TestConnection();

        connection.Register("henry");
        var verbs = new List<string>();
        while (verbs.LastOrDefault() is not ("376" or "422"))
        {
            verbs.Add(Verb(await connection.ExpectAsync(_ => true)));
        }

        Assert.Equal(["001", "002", "003", "004", "005", "005", "251", "255", "265", "266", "375", "372", "376"], verbs);
    }

    [Fact]
    public async Task PING_echoes_its_token_before_registration()
    {
        await using var connection = new TestConnection();

        connection.Send("PING :a token with spaces");

        Assert.Equal(":chatcloud.local PONG chatcloud.local :a token with spaces", await connection.ExpectAsync(_ => true));
    }

    [Fact]
    public async Task ISUPPORT_advertises_the_casemapping_and_utf8only()
    {
        await using var connection = new TestConnection();

        connection.Register("frank");
        // At most 13 tokens a line (Modern IRC's RPL_ISUPPORT), so there are two lines.
        string[] support = [await connection.ExpectAsync(line => Verb(line) == Numerics.RPL_ISUPPORT), await connection.ExpectAsync(_ => true)];

        Assert.Contains(" CASEMAPPING=rfc1459 ", support[0], StringComparison.Ordinal);
        Assert.Contains(" PREFIX=(ov)@+ ", support[1], StringComparison.Ordinal);
        Assert.Contains(" UTF8ONLY ", support[1], StringComparison.Ordinal);
        Assert.All(support, line => Assert.EndsWith(":are supported by this server", line, StringComparison.Ordinal));
    }
}
