using System.Globalization;

namespace ChatCloud.Testing;

/// <summary>Every await on a booted suite has one of these, so a hang fails a test instead of stalling CI.</summary>
public static class Deadlines
{
    /// <summary>
    /// Building, starting and waiting for every resource to be healthy (first RabbitMQ boot ≈ 5 s, a suite
    /// ≈ 20 s on 2 cores). <c>CHATCLOUD_TEST_BOOT_MINUTES</c> lengthens it on a machine shared with other
    /// builds, where a boot can take minutes without anything being wrong; CI leaves it unset.
    /// </summary>
    public static readonly TimeSpan Boot = TimeSpan.FromMinutes(
        double.TryParse(Environment.GetEnvironmentVariable("CHATCLOUD_TEST_BOOT_MINUTES"), NumberStyles.Float, CultureInfo.InvariantCulture, out var minutes) && minutes > 0
            ? minutes
            : 2);

    public static readonly TimeSpan Stop = TimeSpan.FromMinutes(1);

    /// <summary>One request or one query against a running suite.</summary>
    public static readonly TimeSpan Request = TimeSpan.FromSeconds(30);
}
