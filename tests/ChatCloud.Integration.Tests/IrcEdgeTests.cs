using System.Text;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>The TCP edge of the booted suite, through real sockets, plain and TLS.</summary>
public sealed class IrcEdgeTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Registration_sends_the_welcome_burst_in_order()
    {
        await using var client = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);

        // An account is required: REGISTER before connect creates it and logs in (REGISTER SUCCESS, 900).
        await client.SendAsync("NICK welcomed", Cancellation);
        await client.SendAsync($"REGISTER * * {TestPassword("welcomed")}", Cancellation);
        await client.SendAsync("USER welcomed 0 * :Alice Liddell", Cancellation);
        var verbs = new List<string>();
        while (verbs.LastOrDefault() is not ("376" or "422"))
        {
            verbs.Add(Verb((await client.ReadLineAsync(Cancellation))!));
        }

        Assert.Equal(["REGISTER", "900", "001", "002", "003", "004", "005"], verbs.Take(7));
        Assert.Contains("375", verbs);
    }

    [Fact]
    public async Task Registration_over_TLS_works_the_same()
    {
        await using var client = await ConnectAsync(suite.IrcTlsPort, suite.IrcCertificateHash, Cancellation);

        await client.RegisterAsync("tlsuser", Cancellation);

        Assert.NotNull(client.Tls);
        Assert.True(client.Tls.IsAuthenticated);
        Assert.Contains("chatcloud.local", client.Tls.RemoteCertificate!.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CAP_LS_holds_registration_until_CAP_END()
    {
        await using var client = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);

        await client.SendAsync("CAP LS 302", Cancellation);
        await client.SendAsync("NICK capper", Cancellation);
        await client.SendAsync("USER capper 0 * :Cap", Cancellation);
        var ls = await client.ExpectAsync(line => Verb(line) == "CAP", Cancellation);
        await client.SendAsync("CAP REQ :no-such-capability", Cancellation);
        var nak = await client.ExpectAsync(line => Verb(line) == "CAP", Cancellation);
        // An account is required; REGISTER before CAP END creates one and logs in.
        await client.SendAsync($"REGISTER * * {TestPassword("capper")}", Cancellation);
        await client.SendAsync("CAP END", Cancellation);
        var welcome = await client.ExpectAsync(line => Verb(line) is "001" or "CAP", Cancellation);

        Assert.StartsWith(":chatcloud.local CAP * LS", ls, StringComparison.Ordinal);
        // A one-word last parameter may or may not carry ':'; both parse the same.
        Assert.Matches(" CAP capper NAK :?no-such-capability$", nak);
        Assert.Equal("001", Verb(welcome));
    }

    [Fact]
    public async Task A_taken_nick_is_refused_with_433()
    {
        await using var first = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await using var second = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await first.RegisterAsync("Taken", Cancellation);

        // rfc1459 casemapping: "taken" and "Taken" are the same nick.
        await second.SendAsync("NICK taken", Cancellation);
        var reply = await second.ExpectAsync(line => Verb(line) == "433", Cancellation);

        Assert.Contains(" 433 * taken :", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_before_registration_get_451_and_unknown_ones_421_after()
    {
        await using var client = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);

        await client.SendAsync("MOTD", Cancellation);
        var early = await client.ExpectAsync(line => Verb(line) == "451", Cancellation);
        await client.RegisterAsync("asker", Cancellation);
        await client.SendAsync("FROBNICATE now", Cancellation);
        var unknown = await client.ExpectAsync(line => Verb(line) == "421", Cancellation);
        await client.SendAsync("USER again 0 * :Again", Cancellation);
        var again = await client.ExpectAsync(line => Verb(line) == "462", Cancellation);

        Assert.Contains(":You have not registered", early, StringComparison.Ordinal);
        Assert.Contains(" 421 asker FROBNICATE :Unknown command", unknown, StringComparison.Ordinal);
        Assert.Contains(" 462 asker :", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PING_is_answered_with_PONG_and_the_same_token()
    {
        await using var client = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);

        await client.SendAsync("PING :token 42", Cancellation);
        var pong = await client.ExpectAsync(line => Verb(line) == "PONG", Cancellation);

        Assert.Equal(":chatcloud.local PONG chatcloud.local :token 42", pong);
    }

    [Fact]
    public async Task An_over_long_line_gets_417_and_the_connection_keeps_working()
    {
        await using var client = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await client.RegisterAsync("longliner", Cancellation);

        await client.SendAsync("PRIVMSG #x :" + new string('a', 20_000), Cancellation);
        var refused = await client.ExpectAsync(line => Verb(line) == "417", Cancellation);
        await client.SendAsync("PING after", Cancellation);
        var pong = await client.ExpectAsync(line => Verb(line) == "PONG", Cancellation);

        Assert.Contains("Input line was too long", refused, StringComparison.Ordinal);
        Assert.EndsWith("after", pong, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_UTF8_NUL_and_garbage_are_refused_without_ending_the_connection()
    {
        await using var client = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);

        await client.SendRawAsync([.. "PRIVMSG #x :caf"u8, 0xE9, .. "\r\n"u8], Cancellation);
        var utf8 = await client.ExpectAsync(line => Verb(line) == "FAIL", Cancellation);
        await client.SendRawAsync([.. "PING a\0b\r\n"u8], Cancellation);
        var nul = await client.ExpectAsync(line => Verb(line) == "FAIL", Cancellation);
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        await client.SendRawAsync([.. garbage.Select(b => b is (byte)'\n' ? (byte)'x' : b), .. "\r\n"u8], Cancellation);
        await client.SendAsync("PING still-here", Cancellation);
        var pong = await client.ExpectAsync(line => Verb(line) == "PONG", Cancellation);

        Assert.Contains("INVALID_UTF8", utf8, StringComparison.Ordinal);
        Assert.Contains("INVALID_MESSAGE", nul, StringComparison.Ordinal);
        Assert.EndsWith("still-here", pong, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_flooding_past_the_limit_is_disconnected()
    {
        await using var client = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await client.RegisterAsync("flooder", Cancellation);

        // Far more than the burst, and more than 16 KiB waiting unread once the edge starts pacing;
        // sent in small pieces, as a busy network delivers it, so the backlog is never one read.
        // The ERROR is read while sending: once the edge has closed, a further write fails.
        var closing = client.ExpectAsync(line => Verb(line) == "ERROR", Cancellation);
        try
        {
            for (var chunk = 0; chunk < 30 && !closing.IsCompleted; chunk++)
            {
                await client.SendRawAsync(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(chunk * 100, 100).Select(i => $"PING {i:D5}\r\n"))), Cancellation);
                await Task.Delay(10, Cancellation);
            }
        }
        catch (IOException)
        {
            // Closed by the edge mid-flood: the point of the test.
        }
        var error = await closing;

        Assert.Contains("(Excess Flood)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QUIT_is_answered_with_ERROR_and_the_server_closes()
    {
        await using var client = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await client.RegisterAsync("leaver", Cancellation);

        await client.SendAsync("QUIT :bye now", Cancellation);
        var error = await client.ExpectAsync(line => Verb(line) == "ERROR", Cancellation);
        string? after;
        do
        {
            after = await client.ReadLineAsync(Cancellation);
        }
        while (after is not null);

        Assert.Contains("(Quit: bye now)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nick_is_free_again_once_its_holder_quits()
    {
        await using (var holder = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation))
        {
            await holder.RegisterAsync("Reused", Cancellation);
            await holder.SendAsync("QUIT", Cancellation);
            while (await holder.ReadLineAsync(Cancellation) is not null)
            {
            }
        }
        await using var next = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);

        await next.RegisterAsync("Reused", Cancellation);
    }
}
