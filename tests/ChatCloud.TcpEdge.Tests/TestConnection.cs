using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using ChatCloud.Presence;
using ChatCloud.TcpEdge.Accounts;
using ChatCloud.TcpEdge.Commands;
using ChatCloud.TcpEdge.Connections;
using ChatCloud.TcpEdge.History;
using ChatCloud.TcpEdge.Server;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>A session wired to an in-memory pipe: commands go in through the dispatcher, lines come out as text.</summary>
internal sealed class TestConnection : IAsyncDisposable
{
    private readonly Pipe _output = new();
    private readonly Task _writer;
    private readonly CancellationTokenSource _stop = new();

    public TestConnection(IrcServer? server = null, int sendQueueLength = 4096)
    {
        Server = server ?? CreateServer(new FakeTimeProvider());
        Outbound = new OutboundQueue(sendQueueLength);
        Session = new IrcSession(Server, Outbound, new IPEndPoint(IPAddress.Loopback, 50000), isTls: false);
        _writer = Outbound.RunWriterAsync(_output.Writer, _stop.Token);
    }

    private const string CloakKey = "unit-test-cloak-key";

    /// <summary>The host a guest from 127.0.0.1 is shown with on the unit tests' servers.</summary>
    public static string GuestHost { get; } = new HostCloaks(new CloakOptions { Key = CloakKey }).ForAddress(IPAddress.Loopback);

    public IrcServer Server { get; }
    public OutboundQueue Outbound { get; }
    public IrcSession Session { get; }

    /// <summary>
    /// A server for unit tests. Guests are let in unless a test sets <see cref="IrcServerOptions.RequireAccount"/>:
    /// most tests are about something other than accounts.
    /// </summary>
    public static IrcServer CreateServer(
        TimeProvider time, Action<IrcServerOptions>? configure = null, IEventPublisher? publisher = null, IRoomHistory? history = null,
        IAccountService? accounts = null, INickDirectory? nicks = null, InMemoryRoomAuthority? rooms = null, Presence.IPresenceFeed? presence = null,
        BestEffortPublisher? activity = null)
    {
        var options = new IrcServerOptions { RequireAccount = false, Cloaks = { Key = CloakKey } };
        configure?.Invoke(options);
        rooms ??= new InMemoryRoomAuthority();
        var server = new IrcServer(
            Options.Create(options), time, publisher ?? new RecordingPublisher(), history ?? new CannedHistory(), accounts ?? new FakeAccountService(),
            nicks ?? new SharedNickDirectory().For("edge"), rooms, presence ?? new SharedPresenceFeed(), activity);
        rooms.Attach(server);
        // Subscribed before any client connects, as PresenceListener does when an edge starts.
        server.Monitors.ListenAsync(CancellationToken.None).GetAwaiter().GetResult();
        server.RoomMates.ListenAsync(CancellationToken.None).GetAwaiter().GetResult();
        // The post stream runs for the rest of the test process, as it does for the life of an edge.
        _ = server.Posts.RunAsync(CancellationToken.None);
        return server;
    }

    public void Send(string line) => SendAsync(line).GetAwaiter().GetResult();

    public async Task SendAsync(string line)
    {
        Assert.Equal(IrcParseError.None, IrcParser.TryParse(Encoding.UTF8.GetBytes(line), out var message));
        await CommandDispatcher.DispatchAsync(Session, message, CancellationToken.None);
    }

    public void Register(string nick)
    {
        Send($"NICK {nick}");
        Send($"USER {nick} 0 * :{nick}");
        Assert.True(Session.IsRegistered);
    }

    /// <summary>Reads lines until one satisfies <paramref name="match"/>, within a few seconds.</summary>
    public async Task<string> ExpectAsync(Func<string, bool> match)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (true)
        {
            var result = await _output.Reader.ReadAsync(deadline.Token);
            var buffer = result.Buffer;
            string? found = null;
            while (found is null && buffer.PositionOf((byte)'\n') is { } end)
            {
                var line = Encoding.UTF8.GetString(buffer.Slice(0, end)).TrimEnd('\r');
                buffer = buffer.Slice(buffer.GetPosition(1, end));
                if (match(line))
                {
                    found = line;
                }
            }
            // Lines after the match stay unexamined, so the next call sees them without new data.
            _output.Reader.AdvanceTo(buffer.Start, found is null ? buffer.End : buffer.Start);
            if (found is not null)
            {
                return found;
            }
            if (result.IsCompleted)
            {
                throw new InvalidOperationException("The connection's output ended without a matching line.");
            }
        }
    }

    /// <summary>
    /// Exactly the lines <paramref name="line"/> produced: earlier output is read past first, and a
    /// PING after it marks where its answer ends (commands are handled in order).
    /// </summary>
    public async Task<List<string>> LinesOfAsync(string line)
    {
        await SendAsync("PING :before");
        await ExpectAsync(reply => reply.EndsWith(" PONG chatcloud.local before", StringComparison.Ordinal));
        await SendAsync(line);
        await SendAsync("PING :after");
        var lines = new List<string>();
        for (var reply = await ExpectAsync(_ => true); !reply.EndsWith(" PONG chatcloud.local after", StringComparison.Ordinal); reply = await ExpectAsync(_ => true))
        {
            lines.Add(reply);
        }
        return lines;
    }

    public static string Verb(string line) => line.Split(' ')[line.StartsWith(':') ? 1 : 0];

    public async ValueTask DisposeAsync()
    {
        Outbound.Complete();
        await _stop.CancelAsync();
        try
        {
            await _writer;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
