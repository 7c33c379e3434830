namespace ChatCloud.Recommendations.Models;

/// <summary>A snapshot of the retraining state for operators.</summary>
public sealed record RetrainingStatus(bool Running, string? Reason, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, int? LastVersion, string? LastError, IReadOnlyList<string> Log);

/// <summary>
/// The progress log of retraining (issue 7): each step is logged and kept, the last
/// <see cref="Capacity"/> lines only, for the admin status endpoint. Reported synchronously, so lines
/// keep their order (unlike <see cref="Progress{T}"/>, which posts them).
/// </summary>
public sealed partial class RetrainingProgress(TimeProvider time, ILogger<RetrainingProgress> logger) : IProgress<string>
{
    public const int Capacity = 100;

    private readonly Lock _gate = new();
    private readonly Queue<string> _lines = new();
    private RetrainingStatus _status = new(false, null, null, null, null, null, []);

    public RetrainingStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status with { Log = [.. _lines] };
            }
        }
    }

    public void Report(string value)
    {
        LogStep(value);
        lock (_gate)
        {
            _lines.Enqueue($"{time.GetUtcNow():HH:mm:ss} {value}");
            while (_lines.Count > Capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    public void Start(string reason)
    {
        lock (_gate)
        {
            _status = _status with { Running = true, Reason = reason, StartedAt = time.GetUtcNow(), FinishedAt = null, LastError = null };
        }
    }

    public void Finish(int? version, string? error)
    {
        lock (_gate)
        {
            _status = _status with { Running = false, FinishedAt = time.GetUtcNow(), LastVersion = version ?? _status.LastVersion, LastError = error };
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retraining: {Step}")]
    private partial void LogStep(string step);
}
