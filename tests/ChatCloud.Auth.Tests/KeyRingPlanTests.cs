using ChatCloud.Auth.OpenId;
using Xunit;

namespace ChatCloud.Auth.Tests;

public sealed class KeyRingPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly SigningKeyOptions Options = new()
    {
        RotateAfter = TimeSpan.FromDays(90),
        PublishAhead = TimeSpan.FromDays(2),
        RetainAfterRotation = TimeSpan.FromDays(2),
    };

    private static StoredKey Key(string id, double activatedDaysAgo) =>
        new(id, KeyUse.Signing, "pem", Now.AddDays(-Math.Max(activatedDaysAgo, 0)), Now.AddDays(-activatedDaysAgo));

    [Fact]
    public void The_first_start_makes_a_key_that_signs_at_once() =>
        Assert.Equal(Now, KeyRingPlan.NextKeyActivation([], Now, Options));

    [Fact]
    public void A_young_key_needs_no_successor() =>
        Assert.Null(KeyRingPlan.NextKeyActivation([Key("a", 10)], Now, Options));

    [Fact]
    public void An_old_key_gets_a_successor_published_ahead_of_signing() =>
        Assert.Equal(Now + Options.PublishAhead, KeyRingPlan.NextKeyActivation([Key("a", 88)], Now, Options));

    [Fact]
    public void A_waiting_successor_is_not_made_twice() =>
        Assert.Null(KeyRingPlan.NextKeyActivation([Key("a", 89), Key("b", -1)], Now, Options));

    [Fact]
    public void The_newest_active_key_signs_and_a_pending_one_is_published_beside_it()
    {
        var selection = KeyRingPlan.Select([Key("old", 89), Key("pending", -1)], Now, Options.RetainAfterRotation);

        Assert.Equal("old", selection.Current.Id);
        Assert.Equal(["pending"], selection.Others.Select(k => k.Id));
    }

    [Fact]
    public void A_replaced_key_stays_published_for_the_retention_time_then_goes()
    {
        var justReplaced = KeyRingPlan.Select([Key("old", 91), Key("new", 1)], Now, Options.RetainAfterRotation);
        var longReplaced = KeyRingPlan.Select([Key("old", 95), Key("new", 5)], Now, Options.RetainAfterRotation);

        Assert.Equal("new", justReplaced.Current.Id);
        Assert.Equal(["old"], justReplaced.Others.Select(k => k.Id));
        Assert.Equal("new", longReplaced.Current.Id);
        Assert.Empty(longReplaced.Others);
    }
}
