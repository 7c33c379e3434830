using System.Text;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>The AUTHENTICATE state machine (IRCv3 sasl-3.1, 3.2), against a stand-in auth service.</summary>
public sealed class SaslTests
{
    private static string Plain(string account, string password, string authzid = "") =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{authzid}\0{account}\0{password}"));

    private static TestConnection Connect(FakeAccountService accounts, bool requireAccount = true) =>
        new(CreateServer(TimeProvider.System, options => options.RequireAccount = requireAccount, accounts: accounts));

    [Fact]
    public async Task CAP_LS_302_offers_PLAIN_and_OAUTHBEARER_and_older_clients_get_the_bare_name()
    {
        await using var modern = Connect(new FakeAccountService());
        await using var older = Connect(new FakeAccountService());

        modern.Send("CAP LS 302");
        older.Send("CAP LS");

        Assert.Contains(" sasl=PLAIN,OAUTHBEARER ", await modern.ExpectAsync(line => Verb(line) == "CAP"), StringComparison.Ordinal);
        Assert.Contains(" sasl ", await older.ExpectAsync(line => Verb(line) == "CAP"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PLAIN_logs_in_and_registration_waits_for_CAP_END()
    {
        await using var connection = Connect(new FakeAccountService().With("alice", "sesame-open"));

        connection.Send("CAP REQ :sasl");
        connection.Send("NICK alice");
        connection.Send("USER alice 0 * :Alice");
        await connection.ExpectAsync(line => Verb(line) == "CAP");
        connection.Send("AUTHENTICATE PLAIN");
        var challenge = await connection.ExpectAsync(_ => true);
        await connection.SendAsync($"AUTHENTICATE {Plain("alice", "sesame-open")}");
        var loggedIn = await connection.ExpectAsync(_ => true);
        var success = await connection.ExpectAsync(_ => true);
        var heldAfterSasl = connection.Session.IsRegistered;
        await connection.SendAsync("CAP END");

        Assert.Equal("AUTHENTICATE +", challenge);
        Assert.Equal($":chatcloud.local 900 alice alice!~alice@user/alice alice :You are now logged in as alice", loggedIn);
        Assert.Equal(":chatcloud.local 903 alice :SASL authentication successful", success);
        Assert.False(heldAfterSasl);
        Assert.Equal("001", Verb(await connection.ExpectAsync(_ => true)));
        Assert.Equal("alice", connection.Session.Account?.Name);
    }

    [Fact]
    public async Task A_response_of_400_byte_chunks_is_joined_and_an_exact_multiple_ends_with_a_plus()
    {
        // "\0bob\0" + 595 characters is 600 bytes: exactly 800 base64 bytes, two full chunks.
        var password = new string('p', 595);
        var accounts = new FakeAccountService().With("bob", password);
        await using var connection = Connect(accounts);
        var response = Plain("bob", password);
        Assert.Equal(800, response.Length);

        connection.Send("AUTHENTICATE PLAIN");
        await connection.SendAsync($"AUTHENTICATE {response[..400]}");
        await connection.SendAsync($"AUTHENTICATE {response[400..]}");
        var waitedForMore = accounts.Verified.IsEmpty;
        await connection.SendAsync("AUTHENTICATE +");

        Assert.True(waitedForMore);
        Assert.Equal("900", Verb(await connection.ExpectAsync(line => Verb(line) != "AUTHENTICATE")));
        Assert.Equal("903", Verb(await connection.ExpectAsync(_ => true)));
    }

    [Fact]
    public async Task A_chunk_over_400_bytes_or_a_response_over_the_limit_gets_905()
    {
        await using var connection = Connect(new FakeAccountService());

        connection.Send("AUTHENTICATE PLAIN");
        await connection.SendAsync($"AUTHENTICATE {new string('A', 401)}");
        var overlong = await connection.ExpectAsync(line => Verb(line) != "AUTHENTICATE");
        connection.Send("AUTHENTICATE PLAIN");
        for (var i = 0; i < 5; i++)
        {
            await connection.SendAsync($"AUTHENTICATE {new string('A', 400)}");
        }
        var overTotal = await connection.ExpectAsync(line => Verb(line) != "AUTHENTICATE");

        Assert.Equal(":chatcloud.local 905 * :SASL message too long", overlong);
        Assert.Equal("905", Verb(overTotal));
        Assert.False(connection.Session.Sasl.InProgress);
    }

    [Fact]
    public async Task An_asterisk_aborts_with_906_and_a_new_attempt_may_follow()
    {
        await using var connection = Connect(new FakeAccountService().With("carol", "rightpassword"));

        connection.Send("AUTHENTICATE PLAIN");
        connection.Send("AUTHENTICATE *");
        var aborted = await connection.ExpectAsync(line => Verb(line) != "AUTHENTICATE");
        connection.Send("AUTHENTICATE PLAIN");
        await connection.SendAsync($"AUTHENTICATE {Plain("carol", "rightpassword")}");

        Assert.Equal(":chatcloud.local 906 * :SASL authentication aborted", aborted);
        Assert.Equal("900", Verb(await connection.ExpectAsync(line => Verb(line) != "AUTHENTICATE")));
    }

    [Fact]
    public async Task An_unknown_mechanism_gets_908_with_the_list_then_904()
    {
        await using var connection = Connect(new FakeAccountService());

        connection.Send("AUTHENTICATE SCRAM-SHA-256");

        Assert.Equal(":chatcloud.local 908 * PLAIN,OAUTHBEARER :are available SASL mechanisms", await connection.ExpectAsync(_ => true));
        Assert.Equal("904", Verb(await connection.ExpectAsync(_ => true)));
        Assert.False(connection.Session.Sasl.InProgress);
    }

    [Fact]
    public async Task A_logged_in_connection_may_authenticate_again_as_its_own_account_but_not_switch_accounts()
    {
        await using var connection = Connect(new FakeAccountService().With("dave", "davespassword").With("eve", "evespassword"));
        connection.Send("AUTHENTICATE PLAIN");
        await connection.SendAsync($"AUTHENTICATE {Plain("dave", "davespassword")}");
        await connection.ExpectAsync(line => Verb(line) == "903");
        var dave = connection.Session.Account;

        // sasl-3.2 re-authentication: the same account is accepted again...
        connection.Send("AUTHENTICATE PLAIN");
        await connection.SendAsync($"AUTHENTICATE {Plain("dave", "davespassword")}");
        var again = await connection.ExpectAsync(line => Verb(line) != "AUTHENTICATE");
        var againDone = await connection.ExpectAsync(_ => true);
        // ...a wrong password fails and keeps the login...
        connection.Send("AUTHENTICATE PLAIN");
        await connection.SendAsync($"AUTHENTICATE {Plain("dave", "not-it")}");
        var wrong = await connection.ExpectAsync(line => Verb(line) != "AUTHENTICATE");
        // ...and another account is refused before its password is checked.
        connection.Send("AUTHENTICATE PLAIN");
        await connection.SendAsync($"AUTHENTICATE {Plain("eve", "evespassword")}");
        var other = await connection.ExpectAsync(line => Verb(line) != "AUTHENTICATE");

        Assert.Equal(("900", "903"), (Verb(again), Verb(againDone)));
        Assert.Equal("904", Verb(wrong));
        Assert.Equal(":chatcloud.local 904 * :SASL authentication failed: you are logged in as dave; reconnect to use another account", other);
        Assert.Equal(dave!.Id, connection.Session.Account?.Id);
    }

    [Theory]
    [InlineData("erin", "wrong-password", "")]
    [InlineData("nobody", "erinspassword", "")]
    [InlineData("erin", "erinspassword", "someoneelse")]
    public async Task Wrong_credentials_or_another_authzid_get_904_and_no_account(string account, string password, string authzid)
    {
        await using var connection = Connect(new FakeAccountService().With("erin", "erinspassword"));

        connection.Send("AUTHENTICATE PLAIN");
        await connection.SendAsync($"AUTHENTICATE {Plain(account, password, authzid)}");

        Assert.Equal("904", Verb(await connection.ExpectAsync(line => Verb(line) != "AUTHENTICATE")));
        Assert.Null(connection.Session.Account);
    }

    [Fact]
    public async Task Garbage_that_is_not_base64_gets_904()
    {
        await using var connection = Connect(new FakeAccountService());

        connection.Send("AUTHENTICATE PLAIN");
        await connection.SendAsync("AUTHENTICATE not*base64!");

        Assert.Contains(":SASL authentication failed: invalid base64", await connection.ExpectAsync(line => Verb(line) != "AUTHENTICATE"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_auth_service_fails_the_attempt_with_904_and_says_it_is_temporary()
    {
        await using var connection = Connect(new FakeAccountService(unavailable: true));

        connection.Send("AUTHENTICATE PLAIN");
        await connection.SendAsync($"AUTHENTICATE {Plain("frank", "frankspassword")}");

        Assert.Equal("904", Verb(await connection.ExpectAsync(line => Verb(line) != "AUTHENTICATE")));
        Assert.StartsWith(":chatcloud.local FAIL AUTHENTICATE TEMPORARILY_UNAVAILABLE :", await connection.ExpectAsync(_ => true), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_guessing_is_capped_per_connection()
    {
        var accounts = new FakeAccountService().With("gina", "ginaspassword");
        await using var connection = Connect(accounts);

        for (var i = 0; i < 6; i++)
        {
            connection.Send("AUTHENTICATE PLAIN");
            await connection.SendAsync($"AUTHENTICATE {Plain("gina", $"guess{i}")}");
        }
        var refused = await connection.ExpectAsync(line => line.Contains("too many attempts", StringComparison.Ordinal));

        Assert.Equal("904", Verb(refused));
        Assert.Equal(5, accounts.Verified.Count);
    }

    [Fact]
    public async Task NICK_and_USER_without_CAP_wait_for_an_exchange_under_way()
    {
        await using var connection = Connect(new FakeAccountService().With("hank", "hankspassword"));

        connection.Send("AUTHENTICATE PLAIN");
        connection.Send("NICK hank");
        connection.Send("USER hank 0 * :Hank");
        var held = !connection.Session.IsRegistered;
        await connection.SendAsync($"AUTHENTICATE {Plain("hank", "hankspassword")}");

        Assert.True(held);
        Assert.Equal("903", Verb(await connection.ExpectAsync(line => Verb(line) == "903")));
        Assert.Equal("001", Verb(await connection.ExpectAsync(_ => true)));
    }

    [Fact]
    public async Task CAP_END_during_an_exchange_aborts_it_with_906_and_registers_without_an_account()
    {
        await using var connection = Connect(new FakeAccountService(), requireAccount: false);

        connection.Send("CAP REQ :sasl");
        connection.Send("NICK ivy");
        connection.Send("USER ivy 0 * :Ivy");
        connection.Send("AUTHENTICATE PLAIN");
        await connection.SendAsync("CAP END");

        Assert.Equal("906", Verb(await connection.ExpectAsync(line => Verb(line) is not ("CAP" or "AUTHENTICATE"))));
        Assert.Equal("001", Verb(await connection.ExpectAsync(_ => true)));
        Assert.Null(connection.Session.Account);
    }
}
