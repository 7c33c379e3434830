using System.IO.Pipelines;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Connections;

/// <summary>
/// Ends connections that never register and peers that went silent: after <c>PingInterval</c> of
/// silence the server sends PING; after as long again without a line the connection closes
/// ("Ping timeout"). Runs on the injected <see cref="TimeProvider"/>, so tests control time.
/// </summary>
public sealed class Liveness : IDisposable
{
    private readonly IrcServer _server;
    private readonly IrcSession _session;
    private readonly PipeReader _input;
    private readonly ITimer _timer;
    private readonly long _connectedAt;
    private long _lastHeard;
    private bool _pinged;

    public Liveness(IrcServer server, IrcSession session, PipeReader input)
    {
        _server = server;
        _session = session;
        _input = input;
        _connectedAt = _lastHeard = server.Time.GetTimestamp();
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, Math.Min(server.Options.PingInterval.Ticks, server.Options.RegistrationTimeout.Ticks) / 4));
        _timer = server.Time.CreateTimer(_ => Check(), null, period, period);
    }

    public void Heard()
    {
        Volatile.Write(ref _lastHeard, _server.Time.GetTimestamp());
        _pinged = false;
    }

    private void Check()
    {
        var options = _server.Options;
        if (!_session.IsRegistered && _server.Time.GetElapsedTime(_connectedAt) >= options.RegistrationTimeout)
        {
            Close("Registration timed out");
            return;
        }
        var silence = _server.Time.GetElapsedTime(Volatile.Read(ref _lastHeard));
        if (silence >= options.PingInterval * 2)
        {
            Close($"Ping timeout: {(int)silence.TotalSeconds} seconds");
        }
        else if (silence >= options.PingInterval && !_pinged)
        {
            _pinged = true;
            _session.Send(new IrcMessage("PING", [_server.Name]));
        }
    }

    private void Close(string reason)
    {
        _session.Close(reason);
        _input.CancelPendingRead();
    }

    public void Dispose() => _timer.Dispose();
}
