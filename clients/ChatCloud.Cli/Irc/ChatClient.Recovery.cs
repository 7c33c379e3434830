using System.Collections.Concurrent;
using System.Globalization;
using ChatCloud.Irc;

namespace ChatCloud.Cli.Irc;

// Keeping a connection alive and recovering from its loss: PING/PONG and lag, the ping-timeout
// watchdog, the rooms we are in, and the last msgid seen in each, for CHATHISTORY AFTER.
internal sealed partial class ChatClient
{
    private readonly ConcurrentDictionary<string, string> _rooms = new(IrcCaseMapping.Rfc1459);
    private readonly ConcurrentDictionary<string, string> _lastMsgid = new(IrcCaseMapping.Rfc1459);
    // Rooms whose replay is under way, and the open chathistory batches answering them.
    private readonly ConcurrentDictionary<string, bool> _replaying = new(IrcCaseMapping.Rfc1459);
    private readonly Dictionary<string, Replay> _replayBatches = new(StringComparer.Ordinal);
    private TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastReceived;
    private long _pingSent;
    private string? _pingToken;

    public IReadOnlyCollection<string> Rooms => [.. _rooms.Values];

    public string? LastMsgid(string room) => _lastMsgid.TryGetValue(room, out var msgid) ? msgid : null;

    // After each registration: rejoin the rooms, then ask each for what came after the last line we
    // saw (IRCv3 chathistory). The msgids are taken before the JOINs, whose own echoes carry newer ones.
    private async Task RecoverAsync(IrcConnection connection, CancellationToken cancellationToken)
    {
        var rooms = _rooms.Values.ToArray();
        var since = rooms.ToDictionary(room => room, LastMsgid, IrcCaseMapping.Rfc1459);
        foreach (string room in rooms)
        {
            await connection.SendAsync(new IrcMessage("JOIN", room), cancellationToken);
            if (since[room] is { } msgid)
            {
                _replaying[room] = true;
                await ReplayAfterAsync(connection, room, msgid, cancellationToken);
            }
        }
    }

    private Task ReplayAfterAsync(IrcConnection connection, string room, string msgid, CancellationToken cancellationToken) =>
        connection.SendAsync(
            new IrcMessage("CHATHISTORY", "AFTER", room, "msgid=" + msgid, _options.ReplayLimit.ToString(CultureInfo.InvariantCulture)),
            cancellationToken);

    // A replay that came back full may not be all: ask again after its last line, until one is short.
    private async Task TrackReplayAsync(IrcConnection connection, IrcMessage message, CancellationToken cancellationToken)
    {
        var p = message.Parameters;
        if (message.Command == "BATCH" && p is [['+', .. var opened], "chathistory", var room, ..] && _replaying.ContainsKey(room))
        {
            _replayBatches[opened] = new Replay(room);
        }
        else if (message.TryGetTag("batch", out var inside) && _replayBatches.TryGetValue(inside, out var replay)
            && message.TryGetTag("msgid", out var msgid))
        {
            replay.Count++;
            replay.LastMsgid = msgid;
        }
        else if (message.Command == "BATCH" && p is [['-', .. var closed], ..] && _replayBatches.Remove(closed, out var done))
        {
            if (done.Count >= _options.ReplayLimit && done.LastMsgid is { } last)
            {
                await ReplayAfterAsync(connection, done.Room, last, cancellationToken);
            }
            else
            {
                _replaying.TryRemove(done.Room, out _);
            }
        }
    }

    private async Task ReadUntilClosedAsync(IrcConnection connection, CancellationToken cancellationToken)
    {
        _closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _lastReceived, time.GetTimestamp());
        _pingToken = null;
        _replayBatches.Clear();
        using var watchdogStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watchdog = WatchAsync(connection, watchdogStop.Token);
        try
        {
            while (await connection.ReadAsync(cancellationToken) is { } message)
            {
                Interlocked.Exchange(ref _lastReceived, time.GetTimestamp());
                await HandleAsync(connection, message, cancellationToken);
                await TrackReplayAsync(connection, message, cancellationToken);
                Raise(message);
            }
        }
        finally
        {
            _closed.TrySetResult();
            await watchdogStop.CancelAsync();
            await watchdog;
        }

        throw new IOException(_quitting ? "Closed." : "The server closed the connection.");
    }

    // A PING after PingInterval of silence; the connection is dropped after PingTimeout of silence,
    // which ends the read above with an error and starts a reconnection.
    private async Task WatchAsync(IrcConnection connection, CancellationToken cancellationToken)
    {
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(_options.PingInterval.TotalMilliseconds / 4, 50, 1000));
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(tick, time, cancellationToken);
                await ReauthenticateIfDueAsync(connection, cancellationToken);
                var silence = time.GetElapsedTime(Interlocked.Read(ref _lastReceived));
                if (silence >= _options.PingTimeout)
                {
                    SetStatus(ConnectionState.Disconnected, $"ping timeout ({silence.TotalSeconds:0} s)");
                    connection.Abort();
                    return;
                }

                if (silence >= _options.PingInterval && _pingToken is null)
                {
                    _pingToken = "lag" + time.GetTimestamp().ToString(CultureInfo.InvariantCulture);
                    Interlocked.Exchange(ref _pingSent, time.GetTimestamp());
                    await connection.SendAsync(new IrcMessage("PING", _pingToken), cancellationToken);
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The connection ended or is ending; the read loop reports it.
        }
    }

    private async Task HandleAsync(IrcConnection connection, IrcMessage message, CancellationToken cancellationToken)
    {
        var p = message.Parameters;
        string? sourceNick = message.Source?.Split('!', 2)[0];
        // A line inside a batch is history (draft/event-playback replays our own old JOINs, PARTs and
        // NICKs): it says nothing about where we are now.
        bool fromMe = sourceNick is not null && IrcCaseMapping.Rfc1459.Equals(sourceNick, Nick) && !message.TryGetTag("batch", out _);
        if (await HandleReauthenticationAsync(connection, message, cancellationToken))
        {
            return;
        }

        switch (message.Command)
        {
            case "PING":
                await connection.SendAsync(new IrcMessage("PONG", [.. p]), cancellationToken);
                break;
            case "PONG" when p.Count > 0 && p[^1] == _pingToken:
                Lag = time.GetElapsedTime(Interlocked.Read(ref _pingSent));
                _pingToken = null;
                break;
            case "JOIN" when fromMe && p.Count > 0:
                _rooms[p[0]] = p[0];
                break;
            case "PART" when fromMe && p.Count > 0:
                _rooms.TryRemove(p[0], out _);
                break;
            case "KICK" when p.Count > 1 && IrcCaseMapping.Rfc1459.Equals(p[1], Nick) && !message.TryGetTag("batch", out _):
                _rooms.TryRemove(p[0], out _);
                break;
            case "NICK" when fromMe && p.Count > 0:
                Nick = p[0];
                break;
        }

        // Only lines of a room that we are in move its replay point; a CHATHISTORY line is a stored
        // message like any other, so a replay moves it too and a second drop resumes from there.
        if (p.Count > 0 && p[0].StartsWith('#') && message.TryGetTag("msgid", out var msgid)
            && message.Command is "PRIVMSG" or "NOTICE" or "TAGMSG" && _rooms.ContainsKey(p[0]))
        {
            _lastMsgid[p[0]] = msgid;
        }
    }

    private sealed class Replay(string room)
    {
        public string Room { get; } = room;

        public int Count { get; set; }

        public string? LastMsgid { get; set; }
    }
}
