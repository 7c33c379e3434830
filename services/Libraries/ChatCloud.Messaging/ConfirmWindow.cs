using System.Collections.Concurrent;

namespace ChatCloud.Messaging;

/// <summary>
/// The confirms one channel still owes, by publish sequence number. The broker acks or nacks a
/// number alone or, with <c>multiple</c>, every number up to it (AMQP 0-9-1 publisher confirms).
/// </summary>
internal sealed class ConfirmWindow
{
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<bool>> _owed = new();

    public Task<bool> Track(ulong sequence)
    {
        var confirm = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _owed[sequence] = confirm;
        return confirm.Task;
    }

    public void Settle(ulong sequence, bool multiple, bool confirmed)
    {
        if (!multiple)
        {
            if (_owed.TryRemove(sequence, out var one))
            {
                one.TrySetResult(confirmed);
            }
            return;
        }
        foreach (var owed in _owed.Keys)
        {
            if (owed <= sequence && _owed.TryRemove(owed, out var each))
            {
                each.TrySetResult(confirmed);
            }
        }
    }

    /// <summary>The channel is gone: what it still owes will never come.</summary>
    public void Abandon(Exception reason)
    {
        foreach (var owed in _owed.Keys)
        {
            if (_owed.TryRemove(owed, out var each))
            {
                each.TrySetException(reason);
            }
        }
    }
}
