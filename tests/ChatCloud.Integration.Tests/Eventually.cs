using System.Text.Json;
using ChatCloud.Testing;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// Asking again until something has happened that follows a moment after what the test did (a message
/// stored, an event counted, an export assembled), for up to a request deadline, instead of guessing
/// how long to sleep. Tests call it as <c>EventuallyAsync</c> through <c>using static</c>.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> attempt) where T : class
    {
        using var deadline = Deadline();
        while (true)
        {
            if (await attempt() is { } value)
            {
                return value;
            }
            await Task.Delay(Pause, deadline.Token);
        }
    }

    public static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement?>> attempt)
    {
        using var deadline = Deadline();
        while (true)
        {
            if (await attempt() is { } value)
            {
                return value;
            }
            await Task.Delay(Pause, deadline.Token);
        }
    }

    /// <summary>
    /// Asks again until <paramref name="done"/>, for up to <paramref name="within"/> (a request deadline
    /// unless said: a model training at start takes minutes); false when that passed first.
    /// </summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> done, TimeSpan? within = null)
    {
        var until = DateTime.UtcNow + (within ?? Deadlines.Request);
        while (!await done())
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }
            await Task.Delay(Pause, TestContext.Current.CancellationToken);
        }
        return true;
    }

    private static CancellationTokenSource Deadline()
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Deadlines.Request);
        return deadline;
    }
}
