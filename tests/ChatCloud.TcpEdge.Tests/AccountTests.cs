using ChatCloud.Contracts.Messages;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>PASS, REGISTER (IRCv3 draft/account-registration) and Irc:RequireAccount, against a stand-in auth service.</summary>
public sealed class AccountTests
{
    private static TestConnection Connect(FakeAccountService accounts, RecordingPublisher? publisher = null) =>
        new(CreateServer(TimeProvider.System, options => options.RequireAccount = true, publisher, accounts: accounts));

    [Fact]
    public async Task A_guest_is_refused_with_ACCOUNT_REQUIRED_then_ERROR()
    {
        await using var connection = Connect(new FakeAccountService());

        connection.Send("NICK guest");
        connection.Send("USER guest 0 * :Guest");

        Assert.StartsWith(":chatcloud.local FAIL * ACCOUNT_REQUIRED :", await connection.ExpectAsync(_ => true), StringComparison.Ordinal);
        Assert.Equal("ERROR :Closing Link: 127.0.0.1 (An account is required)", await connection.ExpectAsync(_ => true));
        Assert.False(connection.Session.IsRegistered);
    }

    [Theory]
    [InlineData("PASS jack:jackspassword")]
    [InlineData("PASS jackspassword")]
    public async Task PASS_with_account_and_password_or_the_nick_as_account_logs_in(string pass)
    {
        await using var connection = Connect(new FakeAccountService().With("jack", "jackspassword"));

        connection.Send(pass);
        connection.Send("NICK jack");
        await connection.SendAsync("USER jack 0 * :Jack");

        Assert.Equal($":chatcloud.local 900 jack jack!~jack@user/jack jack :You are now logged in as jack", await connection.ExpectAsync(_ => true));
        Assert.Equal("001", Verb(await connection.ExpectAsync(_ => true)));
    }

    [Fact]
    public async Task A_password_with_a_colon_is_the_nicks_when_the_part_before_is_no_account_name()
    {
        await using var connection = Connect(new FakeAccountService().With("kim", "9:lives-left"));

        connection.Send("PASS 9:lives-left");
        connection.Send("NICK kim");
        await connection.SendAsync("USER kim 0 * :Kim");

        Assert.Equal("900", Verb(await connection.ExpectAsync(_ => true)));
    }

    [Fact]
    public async Task A_wrong_PASS_gets_464_then_ERROR()
    {
        await using var connection = Connect(new FakeAccountService().With("lee", "leespassword"));

        connection.Send("PASS lee:not-it");
        connection.Send("NICK lee");
        await connection.SendAsync("USER lee 0 * :Lee");

        Assert.Equal(":chatcloud.local 464 lee :Password incorrect", await connection.ExpectAsync(_ => true));
        Assert.Equal("ERROR", Verb(await connection.ExpectAsync(_ => true)));
        Assert.False(connection.Session.IsRegistered);
    }

    [Fact]
    public async Task REGISTER_before_connect_creates_the_account_and_logs_in()
    {
        await using var connection = Connect(new FakeAccountService());

        connection.Send("NICK mia");
        await connection.SendAsync("REGISTER * * a-long-password");
        var success = await connection.ExpectAsync(_ => true);
        var loggedIn = await connection.ExpectAsync(_ => true);
        await connection.SendAsync("USER mia 0 * :Mia");

        Assert.Equal(":chatcloud.local REGISTER SUCCESS mia :Account created; you are logged in", success);
        Assert.Equal("900", Verb(loggedIn));
        Assert.Equal("001", Verb(await connection.ExpectAsync(_ => true)));
    }

    [Theory]
    [InlineData("REGISTER taken * long-enough", "FAIL REGISTER ACCOUNT_EXISTS taken :")]
    [InlineData("REGISTER * * long-enough", "FAIL REGISTER ACCOUNT_EXISTS Taken :")]
    [InlineData("REGISTER 9nine * long-enough", "FAIL REGISTER BAD_ACCOUNT_NAME 9nine :")]
    [InlineData("REGISTER newbie * short", "FAIL REGISTER WEAK_PASSWORD newbie :Use at least 8 characters.")]
    [InlineData("REGISTER newbie", "461 Taken REGISTER :Not enough parameters")]
    public async Task REGISTER_failures_use_the_specs_codes(string line, string expected)
    {
        await using var connection = Connect(new FakeAccountService().With("Taken", "takenpassword"));
        connection.Send("NICK Taken");

        await connection.SendAsync(line);

        Assert.Contains(expected, await connection.ExpectAsync(_ => true), StringComparison.Ordinal);
        Assert.Null(connection.Session.Account);
    }

    [Fact]
    public async Task REGISTER_before_NICK_is_NEED_NICK_even_naming_an_account()
    {
        await using var connection = Connect(new FakeAccountService().With("taken", "takenpassword"));

        await connection.SendAsync("REGISTER taken * long-enough");

        Assert.Equal(":chatcloud.local FAIL REGISTER NEED_NICK * :Send NICK before REGISTER", await connection.ExpectAsync(_ => true));
    }

    [Fact]
    public async Task REGISTER_when_logged_in_is_ALREADY_AUTHENTICATED_and_an_unreachable_service_TEMPORARILY_UNAVAILABLE()
    {
        await using var loggedIn = Connect(new FakeAccountService().With("ned", "nedspassword"));
        await using var unreachable = Connect(new FakeAccountService(unavailable: true));
        loggedIn.Send("PASS ned:nedspassword");
        loggedIn.Send("NICK ned");
        await loggedIn.SendAsync("USER ned 0 * :Ned");
        await loggedIn.ExpectAsync(line => Verb(line) == "001");

        await loggedIn.SendAsync("REGISTER other * otherspassword");
        unreachable.Send("NICK olive");
        await unreachable.SendAsync("REGISTER olive * olivespassword");

        Assert.Contains(" FAIL REGISTER ALREADY_AUTHENTICATED ned :", await loggedIn.ExpectAsync(line => Verb(line) == "FAIL"), StringComparison.Ordinal);
        Assert.Contains(" FAIL REGISTER TEMPORARILY_UNAVAILABLE olive :", await unreachable.ExpectAsync(_ => true), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posts_carry_the_authors_account()
    {
        var publisher = new RecordingPublisher();
        await using var connection = Connect(new FakeAccountService(), publisher);
        connection.Send("NICK opal");
        await connection.SendAsync("REGISTER * * opals-password");
        await connection.SendAsync("USER opal 0 * :Opal");
        connection.Send("JOIN #room");

        await connection.SendAsync("PRIVMSG #room :hello");

        var post = (PostRequested)await publisher.SingleAsync();
        Assert.Equal(connection.Session.Account!.Id, post.AuthorAccountId);
    }
}
