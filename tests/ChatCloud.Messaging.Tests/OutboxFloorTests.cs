using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatCloud.Messaging.Tests;

/// <summary>The relay's looks start above what it has seen long enough ago, and from the start at every full look.</summary>
public sealed class OutboxFloorTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FullLook = TimeSpan.FromSeconds(5);

    [Fact]
    public void The_first_look_is_full_and_a_look_raises_the_floor_only_once_its_window_has_passed()
    {
        var time = new FakeTimeProvider();
        var floor = new OutboxFloor(time, Window, FullLook);

        var first = floor.Next();
        floor.Looked(100);
        time.Advance(TimeSpan.FromSeconds(1));
        var withinWindow = floor.Next();
        floor.Looked(250);
        time.Advance(TimeSpan.FromSeconds(1));
        var afterFirstWindow = floor.Next();
        time.Advance(TimeSpan.FromSeconds(1));
        var afterSecondWindow = floor.Next();

        Assert.Equal(0, first);
        Assert.Equal(0, withinWindow);
        Assert.Equal(100, afterFirstWindow);
        Assert.Equal(250, afterSecondWindow);
    }

    [Fact]
    public void A_full_look_comes_every_interval_and_the_floor_is_kept_after_it()
    {
        var time = new FakeTimeProvider();
        var floor = new OutboxFloor(time, Window, FullLook);
        floor.Next();
        floor.Looked(40);
        time.Advance(TimeSpan.FromSeconds(3));
        var raised = floor.Next();

        time.Advance(TimeSpan.FromSeconds(2));
        var full = floor.Next();
        var afterFull = floor.Next();

        Assert.Equal(40, raised);
        Assert.Equal(0, full);
        Assert.Equal(40, afterFull);
    }

    [Fact]
    public void The_floor_never_goes_down_when_a_later_look_saw_less()
    {
        var time = new FakeTimeProvider();
        var floor = new OutboxFloor(time, Window, FullLook);
        floor.Next();
        floor.Looked(500);
        // A full look found a straggler far below what was seen before.
        floor.Looked(7);
        time.Advance(Window);

        Assert.Equal(500, floor.Next());
    }
}
