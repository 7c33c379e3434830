using System.Net;
using ChatCloud.TcpEdge.Server;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>Hosts are cloaks, not addresses; a guest that logs in changes host (IRCv3 chghost).</summary>
public sealed class HostCloakTests
{
    [Fact]
    public void A_guests_cloak_is_keyed_stable_and_hides_the_address()
    {
        var cloaks = new HostCloaks(new CloakOptions { Key = "one key" });
        var again = new HostCloaks(new CloakOptions { Key = "one key" });
        var otherKey = new HostCloaks(new CloakOptions { Key = "another key" });
        var address = IPAddress.Parse("203.0.113.7");

        var cloak = cloaks.ForAddress(address);

        Assert.Matches("^[a-z2-7]{16}\\.ip\\.chatcloud$", cloak);
        Assert.Equal(cloak, again.ForAddress(address)); // every replica with the key agrees
        Assert.Equal(cloak, cloaks.ForAddress(address.MapToIPv6())); // the IPv4-mapped form is the same client
        Assert.NotEqual(cloak, otherKey.ForAddress(address));
        Assert.NotEqual(cloak, cloaks.ForAddress(IPAddress.Parse("203.0.113.8")));
        Assert.DoesNotContain("203", cloak, StringComparison.Ordinal);
        Assert.Matches("^[a-z2-7]{16}\\.ip\\.chatcloud$", cloaks.ForAddress(IPAddress.Parse("2001:db8::1")));
        Assert.Equal("user/alice", cloaks.ForAccount("alice"));
    }

    [Fact]
    public void Switched_off_hosts_are_addresses()
    {
        var cloaks = new HostCloaks(new CloakOptions { Enabled = false });

        Assert.Equal("203.0.113.7", cloaks.ForAddress(IPAddress.Parse("203.0.113.7").MapToIPv6()));
        Assert.Null(cloaks.ForAccount("alice"));
    }

    [Fact]
    public async Task A_guest_that_logs_in_is_shown_CHGHOST_by_those_who_asked_and_whois_tells_only_it_its_address()
    {
        var server = CreateServer(TimeProvider.System, accounts: new FakeAccountService());
        await using var late = new TestConnection(server);
        await using var watcher = new TestConnection(server);
        await using var plain = new TestConnection(server);
        late.Send("CAP REQ :chghost");
        late.Send("CAP END");
        late.Register("late");
        watcher.Send("CAP REQ :chghost userhost-in-names");
        watcher.Send("CAP END");
        watcher.Register("watcher");
        plain.Register("plain");
        foreach (var connection in new[] { late, watcher, plain })
        {
            await connection.SendAsync("JOIN #room");
        }

        await late.SendAsync("REGISTER * * lates-password");

        var change = $":late!~late@{GuestHost} CHGHOST ~late user/late";
        Assert.Equal(change, await late.ExpectAsync(line => Verb(line) == "CHGHOST"));
        Assert.Equal(change, await watcher.ExpectAsync(line => Verb(line) == "CHGHOST"));
        Assert.DoesNotContain(await plain.LinesOfAsync("PING x"), line => line.Contains(" CHGHOST ", StringComparison.Ordinal));

        // The room holds the new host too: NAMES (userhost-in-names) shows it.
        Assert.Contains(await watcher.LinesOfAsync("NAMES #room"), line => line.Contains(" 353 ", StringComparison.Ordinal) && line.Contains("late!~late@user/late", StringComparison.Ordinal));
        var own = await late.LinesOfAsync("WHOIS late");
        Assert.Contains(own, line => line.EndsWith(" 311 late late ~late user/late * late", StringComparison.Ordinal));
        Assert.Contains(own, line => line.EndsWith(" 378 late late :is connecting from *@127.0.0.1 127.0.0.1", StringComparison.Ordinal));
        var others = await watcher.LinesOfAsync("WHOIS late");
        Assert.Contains(others, line => line.EndsWith(" 311 watcher late ~late user/late * late", StringComparison.Ordinal));
        Assert.DoesNotContain(others, line => line.Contains("127.0.0.1", StringComparison.Ordinal));
    }
}
