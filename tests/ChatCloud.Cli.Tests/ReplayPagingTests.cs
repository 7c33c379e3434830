using System.Net;
using System.Net.Sockets;
using System.Text;
using ChatCloud.Cli.Irc;
using ChatCloud.Cli.Session;
using ChatCloud.Irc;

namespace ChatCloud.Cli.Tests;

/// <summary>
/// After a reconnect the client asks CHATHISTORY AFTER the last msgid it saw, and asks again while a
/// page comes back full, so a long absence leaves no gap. A loopback listener plays the server, to
/// make pages of two lines (the real edge's pages hold 100).
/// </summary>
public sealed class ReplayPagingTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_full_replay_page_is_followed_by_the_next_until_one_is_short()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var options = new ConnectionOptions
        {
            Host = "127.0.0.1", Port = ((IPEndPoint)listener.LocalEndpoint).Port, Tls = false, Nick = "pager", ReplayLimit = 2,
        };
        await using var client = new ChatClient(options, TimeProvider.System, new BackoffPolicy(() => 0) { Base = TimeSpan.FromMilliseconds(50) });
        var session = new ChatSession("pager", TimeProvider.System);
        client.Received += message =>
        {
            lock (session)
            {
                session.Apply(message);
            }
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var running = client.RunAsync(stop.Token);

        using (var first = await AcceptAsync(listener))
        {
            using var server = new Peer(first);
            await server.RegisterAsync();
            await client.Registered.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
            await client.SendAsync(new IrcMessage("JOIN", "#r"), Cancellation);
            await server.ExpectAsync("JOIN #r");
            await server.SendAsync(":pager!u@h JOIN #r");
            await server.SendAsync("@msgid=m0;time=2026-11-25T10:00:00.000Z :ann!u@h PRIVMSG #r :zero");
            await WaitAsync(() => client.LastMsgid("#r") == "m0");
            client.DropConnection();
        }

        using var second = await AcceptAsync(listener);
        using var again = new Peer(second);
        await again.RegisterAsync();
        await again.ExpectAsync("JOIN #r");
        var firstAsk = await again.ExpectAsync("CHATHISTORY AFTER #r msgid=m0 2");
        await again.SendAsync(":pager!u@h JOIN #r");
        await again.SendAsync(":s BATCH +p1 chathistory #r");
        await again.SendAsync("@batch=p1;msgid=m1;time=2026-11-25T10:00:01.000Z :ann!u@h PRIVMSG #r :one");
        await again.SendAsync("@batch=p1;msgid=m2;time=2026-11-25T10:00:02.000Z :ann!u@h PRIVMSG #r :two");
        await again.SendAsync(":s BATCH -p1");
        var secondAsk = await again.ExpectAsync("CHATHISTORY AFTER #r msgid=m2 2");
        await again.SendAsync(":s BATCH +p2 chathistory #r");
        await again.SendAsync("@batch=p2;msgid=m3;time=2026-11-25T10:00:03.000Z :ann!u@h PRIVMSG #r :three");
        await again.SendAsync(":s BATCH -p2");
        await WaitAsync(() =>
        {
            lock (session)
            {
                return session.Find("#r")?.Lines.Any(line => line.Text == "three") == true;
            }
        });
        await again.SendAsync(":s PING :after");
        await again.ExpectAsync("PONG after");

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        string[] texts;
        lock (session)
        {
            texts = [.. session.Find("#r")!.Lines.Where(line => line.Kind == LineKind.Message).Select(line => line.Text)];
        }

        Assert.Equal(["zero", "one", "two", "three"], texts);
        Assert.DoesNotContain(again.Seen, line => line.Contains("msgid=m3", StringComparison.Ordinal));
        Assert.NotEqual(firstAsk, secondAsk);
    }

    private static async Task<TcpClient> AcceptAsync(TcpListener listener) =>
        await listener.AcceptTcpClientAsync(Cancellation).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Cancellation);

    private static async Task WaitAsync(Func<bool> condition)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    // The server side of one connection, line by line with deadlines.
    private sealed class Peer(TcpClient connection) : IDisposable
    {
        private readonly StreamReader _reader = new(connection.GetStream(), Encoding.UTF8);

        public List<string> Seen { get; } = [];

        public void Dispose() => _reader.Dispose();

        public Task SendAsync(string line) => connection.GetStream().WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), Cancellation).AsTask();

        public async Task<string> ExpectAsync(string exact)
        {
            while (true)
            {
                string line = await _reader.ReadLineAsync(Cancellation).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Cancellation)
                    ?? throw new IOException($"The client hung up before sending '{exact}'. Seen: {string.Join(" | ", Seen)}");
                Seen.Add(line);
                if (line == exact)
                {
                    return line;
                }
            }
        }

        public async Task RegisterAsync()
        {
            await ExpectAsync("CAP LS 302");
            await SendAsync(":s CAP * LS :batch message-tags server-time");
            await ExpectAsync("CAP REQ :server-time message-tags batch");
            await SendAsync(":s CAP pager ACK :server-time message-tags batch");
            await ExpectAsync("CAP END");
            await SendAsync(":s 001 pager :Welcome");
        }
    }
}
