using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using ChatCloud.Contracts.Auth;
using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;
using ChatCloud.TcpEdge.Commands;
using ChatCloud.TcpEdge.Server;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace ChatCloud.TcpEdge.Connections;

/// <summary>
/// The only code that reads a client's pipe: frame lines, parse each once, dispatch. A fault in one
/// connection ends that connection only.
/// </summary>
public sealed partial class IrcConnectionHandler(IrcServer server, ILogger<IrcConnectionHandler> logger) : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var isTls = connection.Features.Get<ITlsHandshakeFeature>() is not null;
        var outbound = new OutboundQueue(server.Options.SendQueueLength);
        var session = new IrcSession(server, outbound, connection.RemoteEndPoint as IPEndPoint, isTls);
        var input = connection.Transport.Input;
        var writer = outbound.RunWriterAsync(connection.Transport.Output, connection.ConnectionClosed);
        // When the writer stops (queue completed by a close, or the peer went away), stop reading too.
        _ = writer.ContinueWith(_ => input.CancelPendingRead(), TaskScheduler.Default);

        server.Track(session);
        using var liveness = new Liveness(server, session, input);
        using var admission = server.Connections.Admit(session.Remote?.Address);
        try
        {
            if (!admission.Admitted)
            {
                session.Close("Too many connections from your address");
            }
            else
            {
                await ReadLinesAsync(session, input, liveness, new FloodControl(server.Options.Flood, server.Time), connection.ConnectionClosed);
            }
        }
        catch (Exception exception) when (exception is ConnectionResetException or IOException or OperationCanceledException)
        {
            // The peer went away; nothing to tell it.
        }
        catch (Exception exception)
        {
            LogConnectionFault(logger, exception, session.Address);
        }
        finally
        {
            session.Close(session.QuitReason ?? "Connection closed");
            if (session.Account is { } account)
            {
                server.Activity?.Publish(new SignedOut(account.Id, SignedInVia.Tcp, session.ConnectionName) { OccurredAt = server.Time.GetUtcNow() });
            }
            server.Rooms.LeaveAll(session);
            if (session.HasAskedForRooms && !server.IsStopping)
            {
                // Its rooms see it QUIT from their streams; a stopping edge quits all its members at once instead.
                var quit = new QuitRequest(session.ToRoomActor(), session.QuitReason!);
                if ((await server.RoomAuthority.QuitAsync(quit, CancellationToken.None)).Outcome == Rooms.RoomOutcome.Unavailable)
                {
                    server.QuitRetries.Add(quit);
                }
            }
            server.Nicks.Release(session, session.Nick);
            if (session.Nick is { } nick)
            {
                await Commands.RegistrationCommands.ReleaseEverywhereAsync(session, nick);
            }
            await server.Monitors.SessionClosedAsync(session);
            server.Pending.Forget(session);
            server.Untrack(session);
            try
            {
                await writer.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception exception) when (exception is TimeoutException or IOException or OperationCanceledException or ConnectionResetException)
            {
                // A peer that does not take its last lines within seconds does not get them.
            }
            await input.CompleteAsync();
        }
    }

    private static async Task ReadLinesAsync(IrcSession session, PipeReader input, Liveness liveness, FloodControl flood, CancellationToken closed)
    {
        // A paced line is read again after its wait (see below); its token is already taken.
        var paid = false;
        while (session.QuitReason is null)
        {
            var result = await input.ReadAsync(closed);
            var buffer = result.Buffer;
            var rewound = false;
            try
            {
                if (result.IsCanceled)
                {
                    // Woken by the liveness timer or a closing writer; the loop condition decides.
                    continue;
                }
                if (!buffer.IsEmpty)
                {
                    liveness.Heard();
                }
                while (true)
                {
                    while (session.QuitReason is null)
                    {
                        var before = buffer;
                        if (!IrcFraming.TryReadLine(ref buffer, out var line))
                        {
                            break;
                        }
                        // Parsed before the await: the line's bytes belong to the pipe until AdvanceTo.
                        if (Parse(session, line) is not { } message)
                        {
                            continue;
                        }
                        var wait = paid ? TimeSpan.Zero : flood.Take();
                        paid = false;
                        if (wait > TimeSpan.Zero)
                        {
                            if (before.Length > session.Server.Options.Flood.MaxQueuedBytes)
                            {
                                // Over the rate and still sending: the backlog would only grow.
                                session.Close("Excess Flood");
                                break;
                            }
                            // Delayed, then read again before it is handled: what the client sent
                            // meanwhile joins the backlog the check above measures (a backlog that
                            // came in small pieces is still seen whole), and a client we are pacing is
                            // not taken for a silent one.
                            await Task.Delay(wait, session.Server.Time, closed);
                            (paid, rewound, buffer) = (true, true, before);
                            break;
                        }
                        await CommandDispatcher.DispatchAsync(session, message, closed);
                    }
                    if (rewound || session.QuitReason is not null || !IrcFraming.IsUnterminatedLineTooLong(buffer))
                    {
                        break;
                    }
                    // Modern IRC 417: the over-long line is refused and dropped up to its terminator;
                    // the connection stays, and the lines after it are read as usual.
                    session.Reply(Numerics.ERR_INPUTTOOLONG, "Input line was too long");
                    buffer = await DiscardRestOfLineAsync(input, buffer, closed);
                }
                if (result.IsCompleted && !rewound)
                {
                    session.Close("Connection closed");
                    return;
                }
            }
            finally
            {
                // A rewound line is left unexamined, so the next read returns at once with it and anything newer.
                input.AdvanceTo(buffer.Start, rewound ? buffer.Start : buffer.End);
            }
        }
    }

    /// <summary>The parsed message, or null when the line was refused (and the client told why) or empty.</summary>
    private static IrcMessage? Parse(IrcSession session, in ReadOnlySequence<byte> line)
    {
        var error = IrcParser.TryParse(line, IrcLimits.MaxClientTagSectionBytes, out var message);
        switch (error)
        {
            case IrcParseError.None:
                return message;
            case IrcParseError.Empty:
                break; // Modern IRC: empty lines are ignored.
            case IrcParseError.TagsTooLong or IrcParseError.BodyTooLong:
                session.Reply(Numerics.ERR_INPUTTOOLONG, "Input line was too long");
                break;
            case IrcParseError.InvalidUtf8:
                // IRCv3 UTF8ONLY: refuse, do not guess at an encoding.
                session.Fail("*", "INVALID_UTF8", "Message rejected, your IRC software MUST use UTF-8 encoding on this network");
                break;
            default:
                session.Fail("*", "INVALID_MESSAGE", $"Message could not be parsed ({error})");
                break;
        }
        return null;
    }

    /// <summary>Consumes bytes until the next line terminator; what follows it is kept for normal reading.</summary>
    private static async ValueTask<ReadOnlySequence<byte>> DiscardRestOfLineAsync(PipeReader input, ReadOnlySequence<byte> buffer, CancellationToken closed)
    {
        while (true)
        {
            var newline = buffer.PositionOf((byte)'\n');
            if (newline is { } position)
            {
                return buffer.Slice(buffer.GetPosition(1, position));
            }
            input.AdvanceTo(buffer.End);
            var result = await input.ReadAsync(closed);
            if (result.IsCompleted || result.IsCanceled)
            {
                return result.Buffer.Slice(result.Buffer.End);
            }
            buffer = result.Buffer;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Connection from {Host} failed")]
    private static partial void LogConnectionFault(ILogger logger, Exception exception, string host);
}
