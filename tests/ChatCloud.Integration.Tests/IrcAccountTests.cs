using System.Text;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>Accounts at connect on the booted suite: SASL PLAIN, PASS, REGISTER, and guests refused (Irc:RequireAccount).</summary>
public sealed class IrcAccountTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string Plain(string account, string password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{account}\0{password}"));

    /// <summary>A fresh connection that creates <paramref name="name"/> with REGISTER and leaves.</summary>
    private async Task CreateAccountAsync(string name, string password)
    {
        await using var client = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        // REGISTER needs a nick first; the password is the trailing parameter, so it may hold spaces.
        await client.SendAsync($"NICK {name}", Cancellation);
        await client.SendAsync($"REGISTER * * :{password}", Cancellation);
        var reply = await client.ExpectAsync(line => line.Contains(" REGISTER ", StringComparison.Ordinal), Cancellation);
        Assert.Contains(" REGISTER SUCCESS ", reply, StringComparison.Ordinal);
        // Leave and wait for the close, so the nick is free for the test's own connection.
        await client.SendAsync("QUIT", Cancellation);
        while (await client.ReadLineAsync(Cancellation) is not null)
        {
        }
    }

    [Fact]
    public async Task SASL_PLAIN_with_the_right_password_logs_in_and_registers()
    {
        await CreateAccountAsync("sasluser", "sasl password");
        await using var client = await ConnectAsync(suite.IrcTlsPort, suite.IrcCertificateHash, Cancellation);

        await client.SendAsync("CAP LS 302", Cancellation);
        var ls = await client.ExpectAsync(line => Verb(line) == "CAP", Cancellation);
        await client.SendAsync("CAP REQ :sasl", Cancellation);
        await client.SendAsync("NICK sasluser", Cancellation);
        await client.SendAsync("USER sasluser 0 * :SASL User", Cancellation);
        await client.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal), Cancellation);
        await client.SendAsync("AUTHENTICATE PLAIN", Cancellation);
        var challenge = await client.ExpectAsync(_ => true, Cancellation);
        await client.SendAsync($"AUTHENTICATE {Plain("sasluser", "sasl password")}", Cancellation);
        var loggedIn = await client.ExpectAsync(_ => true, Cancellation);
        var success = await client.ExpectAsync(_ => true, Cancellation);
        await client.SendAsync("CAP END", Cancellation);
        var welcome = await client.ExpectAsync(_ => true, Cancellation);

        Assert.Contains(" sasl=PLAIN", ls, StringComparison.Ordinal);
        Assert.Equal("AUTHENTICATE +", challenge);
        Assert.Equal(":chatcloud.local 900 sasluser sasluser!~sasluser@user/sasluser sasluser :You are now logged in as sasluser", loggedIn);
        Assert.Equal("903", Verb(success));
        Assert.Equal("001", Verb(welcome));
    }

    [Fact]
    public async Task SASL_PLAIN_with_a_wrong_password_gets_904_and_a_guest_is_then_refused()
    {
        await CreateAccountAsync("wrongpass", "the real password");
        await using var client = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);

        await client.SendAsync("CAP REQ :sasl", Cancellation);
        await client.SendAsync("NICK wrongpass", Cancellation);
        await client.SendAsync("USER wrongpass 0 * :Wrong", Cancellation);
        await client.SendAsync("AUTHENTICATE PLAIN", Cancellation);
        await client.SendAsync($"AUTHENTICATE {Plain("wrongpass", "not the password")}", Cancellation);
        var failed = await client.ExpectAsync(line => Verb(line) is "903" or "904", Cancellation);
        await client.SendAsync("CAP END", Cancellation);
        var refused = await client.ExpectAsync(line => Verb(line) is "FAIL" or "001", Cancellation);
        var error = await client.ExpectAsync(_ => true, Cancellation);

        Assert.Equal("904", Verb(failed));
        Assert.StartsWith(":chatcloud.local FAIL * ACCOUNT_REQUIRED :", refused, StringComparison.Ordinal);
        Assert.StartsWith("ERROR :Closing Link:", error, StringComparison.Ordinal);
        Assert.Null(await client.ReadLineAsync(Cancellation));
    }

    [Fact]
    public async Task A_guest_is_refused_clearly()
    {
        await using var client = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);

        await client.SendAsync("NICK justaguest", Cancellation);
        await client.SendAsync("USER guest 0 * :Guest", Cancellation);
        var refused = await client.ReadLineAsync(Cancellation);
        var error = await client.ReadLineAsync(Cancellation);

        Assert.Equal(":chatcloud.local FAIL * ACCOUNT_REQUIRED :An account is required on this server: log in with SASL (or PASS account:password), or create one with REGISTER", refused);
        Assert.Equal("ERROR :Closing Link: 127.0.0.1 (An account is required)", error);
        Assert.Null(await client.ReadLineAsync(Cancellation));
    }

    [Fact]
    public async Task PASS_account_colon_password_logs_in_and_a_wrong_one_gets_464()
    {
        await CreateAccountAsync("passuser", "pass password");
        await using var right = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await using var wrong = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);

        await right.SendAsync("PASS :passuser:pass password", Cancellation);
        await right.SendAsync("NICK passnick", Cancellation);
        await right.SendAsync("USER passuser 0 * :Pass", Cancellation);
        var loggedIn = await right.ReadLineAsync(Cancellation);
        var welcome = await right.ReadLineAsync(Cancellation);
        await wrong.SendAsync("PASS passuser:wrong", Cancellation);
        await wrong.SendAsync("NICK passnick2", Cancellation);
        await wrong.SendAsync("USER passuser 0 * :Pass", Cancellation);
        var mismatch = await wrong.ReadLineAsync(Cancellation);
        var error = await wrong.ReadLineAsync(Cancellation);

        Assert.Equal(":chatcloud.local 900 passnick passnick!~passuser@user/passuser passuser :You are now logged in as passuser", loggedIn);
        Assert.Equal("001", Verb(welcome!));
        Assert.Equal(":chatcloud.local 464 passnick2 :Password incorrect", mismatch);
        Assert.StartsWith("ERROR :Closing Link:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task REGISTER_before_connect_then_chat_and_a_taken_name_is_ACCOUNT_EXISTS()
    {
        await using var newcomer = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await using var friend = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await using var copycat = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await friend.RegisterAsync("friend", Cancellation);
        await friend.SendAsync("JOIN #newcomers", Cancellation);
        await friend.ExpectAsync(line => Verb(line) == "366", Cancellation);

        await newcomer.SendAsync("NICK Newcomer", Cancellation);
        await newcomer.SendAsync("REGISTER * newcomer@example.org :newcomers password", Cancellation);
        var registered = await newcomer.ReadLineAsync(Cancellation);
        var loggedIn = await newcomer.ReadLineAsync(Cancellation);
        await newcomer.SendAsync("USER newcomer 0 * :New", Cancellation);
        await newcomer.ExpectAsync(line => Verb(line) == "001", Cancellation);
        await newcomer.SendAsync("JOIN #newcomers", Cancellation);
        await newcomer.ExpectAsync(line => Verb(line) == "366", Cancellation);
        await newcomer.SendAsync("PRIVMSG #newcomers :hello, I just signed up", Cancellation);
        var heard = await friend.ExpectAsync(line => Verb(line) == "PRIVMSG", Cancellation);
        await copycat.SendAsync("NICK copycat", Cancellation);
        await copycat.SendAsync("REGISTER newcomer * :another password", Cancellation);
        var taken = await copycat.ReadLineAsync(Cancellation);

        Assert.Equal(":chatcloud.local REGISTER SUCCESS Newcomer :Account created; you are logged in", registered);
        Assert.Equal("900", Verb(loggedIn!));
        Assert.Equal(":Newcomer!~newcomer@user/Newcomer PRIVMSG #newcomers :hello, I just signed up", heard);
        Assert.Equal(":chatcloud.local FAIL REGISTER ACCOUNT_EXISTS newcomer :That account name is taken", taken);
    }

    [Fact]
    public async Task RegisterAsync_of_the_test_client_logs_in_to_an_existing_account_with_SASL()
    {
        await using (var first = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation))
        {
            await first.RegisterAsync("returning", Cancellation);
            await first.SendAsync("QUIT", Cancellation);
            while (await first.ReadLineAsync(Cancellation) is not null)
            {
            }
        }
        await using var again = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);

        // The account exists now, so REGISTER is refused and the client logs in with SASL instead.
        await again.RegisterAsync("returning", Cancellation);
    }
}
