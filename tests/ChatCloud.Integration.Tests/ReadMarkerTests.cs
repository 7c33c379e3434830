using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>MARKREAD (IRCv3 draft/read-marker) on the booted suite: stored by the messages service, pushed across edges over the bus.</summary>
public sealed class ReadMarkerTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A connection with draft/read-marker, logged in to <paramref name="account"/> (created if new) under <paramref name="nick"/>.</summary>
    private static async Task<IrcTestClient> ConnectAsync(int port, string account, string nick)
    {
        var client = await IrcTestClient.ConnectAsync(port, cancellationToken: Cancellation);
        await client.SendAsync("CAP LS 302", Cancellation);
        await client.SendAsync("CAP REQ :draft/read-marker", Cancellation);
        await client.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal), Cancellation);
        if (account == nick)
        {
            await client.RegisterAsync(nick, Cancellation);
            return client;
        }
        await client.SendAsync("CAP REQ :sasl", Cancellation);
        await client.SendAsync($"NICK {nick}", Cancellation);
        await client.SendAsync($"USER {nick} 0 * :{nick}", Cancellation);
        await client.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal) && line.Contains("sasl", StringComparison.Ordinal), Cancellation);
        await client.LogInAsync(account, TestPassword(account), Cancellation);
        await client.SendAsync("CAP END", Cancellation);
        await client.ExpectAsync(line => Verb(line) == "001", Cancellation);
        return client;
    }

    [Fact]
    public async Task A_position_set_on_one_edge_reaches_the_accounts_connection_on_another_and_survives_a_reconnect()
    {
        var account = "rm" + Guid.NewGuid().ToString("N")[..8];
        var room = "#rm" + Guid.NewGuid().ToString("N")[..8];
        await using var second = await EdgeProcess.StartAsync(suite, Cancellation);
        await using var laptop = await ConnectAsync(suite.IrcPort, account, account);
        await using (var phone = await ConnectAsync(second.IrcPort, account, account + "p"))
        {
            await laptop.SendAsync($"MARKREAD {room}", Cancellation);
            var unset = await laptop.ExpectAsync(line => Verb(line) == "MARKREAD", Cancellation);
            await laptop.SendAsync($"MARKREAD {room} timestamp=2026-01-04T14:33:26.123Z", Cancellation);
            var answered = await laptop.ExpectAsync(line => Verb(line) == "MARKREAD", Cancellation);
            var pushed = await phone.ExpectAsync(line => Verb(line) == "MARKREAD", Cancellation);
            await phone.SendAsync($"MARKREAD {room} timestamp=2026-01-01T00:00:00.000Z", Cancellation);
            var older = await phone.ExpectAsync(line => Verb(line) == "MARKREAD", Cancellation);

            Assert.Equal($":chatcloud.local MARKREAD {room} *", unset);
            Assert.Equal($":chatcloud.local MARKREAD {room} timestamp=2026-01-04T14:33:26.123Z", answered);
            Assert.Equal(answered, pushed);
            Assert.Equal(answered, older);
        }

        await using var again = await ConnectAsync(second.IrcPort, account, account + "q");
        await again.SendAsync($"JOIN {room}", Cancellation);
        var joined = await again.ExpectAsync(line => Verb(line) is "MARKREAD" or "366", Cancellation);

        Assert.Equal($":chatcloud.local MARKREAD {room} timestamp=2026-01-04T14:33:26.123Z", joined);
    }
}
