using OpenTelemetry.Trace;

namespace ChatCloud;

/// <summary>
/// Keeps a trace when a share of traces would (<c>ratio</c>) and the service has not kept
/// <c>maxPerSecond</c> already in the last second (a token bucket): a quiet suite is traced whole,
/// which is when an operator follows one request, while a busy room (every message makes spans in
/// the edge, the bus, the messages service and the database) costs the dashboard at most that many
/// traces a second per service instead of a share of thousands. Used for roots only; children
/// follow their parent (<see cref="ParentBasedSampler"/>), so a kept trace is kept whole.
/// </summary>
public sealed class RateLimitedSampler : Sampler
{
    private readonly TraceIdRatioBasedSampler _ratio;
    private readonly double _maxPerSecond;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _last;

    public RateLimitedSampler(double ratio, double maxPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ratio, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ratio, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPerSecond);
        _ratio = new TraceIdRatioBasedSampler(ratio);
        _maxPerSecond = maxPerSecond;
        _time = time;
        _tokens = maxPerSecond;
        _last = time.GetTimestamp();
        Description = $"RateLimitedSampler{{ratio={ratio}, maxPerSecond={maxPerSecond}}}";
    }

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        if (_ratio.ShouldSample(samplingParameters).Decision == SamplingDecision.Drop)
        {
            return new SamplingResult(SamplingDecision.Drop);
        }
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_maxPerSecond, _tokens + _time.GetElapsedTime(_last, now).TotalSeconds * _maxPerSecond);
            _last = now;
            if (_tokens < 1)
            {
                return new SamplingResult(SamplingDecision.Drop);
            }
            _tokens--;
        }
        return new SamplingResult(SamplingDecision.RecordAndSample);
    }
}
