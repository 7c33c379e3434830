namespace ChatCloud.Messaging;

/// <summary>Waits between attempts to reach a server that is down: 0.5 s doubling to 30 s, so a long outage costs little.</summary>
internal static class Backoff
{
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    public static TimeSpan After(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(Max.TotalMilliseconds, 500 * Math.Pow(2, Math.Min(failures, 16))));
}
