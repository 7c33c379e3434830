using System.Net;
using ChatCloud.TcpEdge.Connections;
using ChatCloud.TcpEdge.Server;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatCloud.TcpEdge.Tests;

public sealed class FloodControlTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_burst_passes_then_lines_are_delayed_to_the_rate()
    {
        var flood = new FloodControl(new FloodOptions { Burst = 5, LinesPerSecond = 2 }, _time);

        var burst = Enumerable.Range(0, 5).Select(_ => flood.Take()).ToArray();
        var next = flood.Take();

        Assert.All(burst, wait => Assert.Equal(TimeSpan.Zero, wait));
        Assert.Equal(TimeSpan.FromSeconds(0.5), next);
    }

    [Fact]
    public void Quiet_time_refills_the_bucket_up_to_the_burst()
    {
        var flood = new FloodControl(new FloodOptions { Burst = 5, LinesPerSecond = 2 }, _time);
        for (var i = 0; i < 5; i++)
        {
            flood.Take();
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        var refilled = Enumerable.Range(0, 5).Select(_ => flood.Take()).ToArray();

        Assert.All(refilled, wait => Assert.Equal(TimeSpan.Zero, wait));
        Assert.NotEqual(TimeSpan.Zero, flood.Take());
    }

    [Fact]
    public void Each_line_over_the_rate_waits_one_interval_more()
    {
        var flood = new FloodControl(new FloodOptions { Burst = 2, LinesPerSecond = 1 }, _time);

        var waits = Enumerable.Range(0, 5).Select(_ => flood.Take()).ToArray();

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)], waits);
    }

    [Fact]
    public void Switched_off_it_never_delays()
    {
        var flood = new FloodControl(new FloodOptions { Enabled = false, Burst = 1, LinesPerSecond = 1 }, _time);

        Assert.All(Enumerable.Range(0, 100).Select(_ => flood.Take()), wait => Assert.Equal(TimeSpan.Zero, wait));
    }

    [Fact]
    public void One_address_may_hold_only_so_many_connections_and_gets_them_back_when_they_close()
    {
        var limiter = new ConnectionLimiter(Options.Create(new IrcServerOptions { MaxConnectionsPerAddress = 2 }));
        var address = IPAddress.Parse("192.0.2.7");

        var first = limiter.Admit(address);
        var second = limiter.Admit(address);
        var third = limiter.Admit(address);
        var elsewhere = limiter.Admit(IPAddress.Parse("192.0.2.8"));
        third.Dispose();
        first.Dispose();
        var again = limiter.Admit(address);

        Assert.True(first.Admitted && second.Admitted && elsewhere.Admitted);
        Assert.False(third.Admitted);
        Assert.True(again.Admitted);
    }
}
