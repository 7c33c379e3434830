namespace ChatCloud.Messages.Rooms;

/// <summary>
/// Requests for the same key (a room) handled in batches, one batch at a time per key: whoever
/// arrives while a batch runs waits for the next, which takes everything waiting (up to
/// <paramref name="maxBatch"/>). A room's row lock is then held once per batch instead of once per
/// request, so a storm of JOINs into one room (every user of a restarted edge coming back) costs a
/// few transactions, not one each, and waiting requests hold no database connection.
/// </summary>
internal sealed class KeyedBatches<TRequest, TResult>(Func<string, IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> handle, int maxBatch)
{
    private sealed class Queue
    {
        public List<(TRequest Request, TaskCompletionSource<TResult> Result)> Waiting { get; } = [];
        public bool Running { get; set; }
    }

    private readonly Dictionary<string, Queue> _queues = new(StringComparer.Ordinal);

    /// <summary>Queues the request; the task completes when its batch has committed (or failed).</summary>
    public Task<TResult> RunAsync(string key, TRequest request)
    {
        var result = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_queues)
        {
            if (!_queues.TryGetValue(key, out var queue))
            {
                _queues[key] = queue = new Queue();
            }
            queue.Waiting.Add((request, result));
            start = !queue.Running;
            queue.Running = true;
        }
        if (start)
        {
            _ = Task.Run(() => DrainAsync(key));
        }
        return result.Task;
    }

    private async Task DrainAsync(string key)
    {
        while (true)
        {
            List<(TRequest Request, TaskCompletionSource<TResult> Result)> batch;
            lock (_queues)
            {
                var queue = _queues[key];
                if (queue.Waiting.Count == 0)
                {
                    _queues.Remove(key);
                    return;
                }
                var take = Math.Min(maxBatch, queue.Waiting.Count);
                batch = queue.Waiting.GetRange(0, take);
                queue.Waiting.RemoveRange(0, take);
            }
            try
            {
                var results = await handle(key, batch.ConvertAll(item => item.Request));
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Result.TrySetResult(results[i]);
                }
            }
            catch (Exception exception)
            {
                foreach (var (_, result) in batch)
                {
                    result.TrySetException(exception);
                }
            }
        }
    }
}
