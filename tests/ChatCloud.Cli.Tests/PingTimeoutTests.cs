using System.Net;
using System.Net.Sockets;
using System.Text;
using ChatCloud.Cli.Irc;

namespace ChatCloud.Cli.Tests;

/// <summary>
/// A connection that goes silent (a dead network path, no FIN, no RST) is found by the ping timeout
/// and replaced. The real edge always answers, so this uses a loopback listener that registers the
/// client and then, on its first connection, stops answering.
/// </summary>
public sealed class PingTimeoutTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_silent_server_is_detected_by_ping_timeout_and_the_client_reconnects_and_measures_lag()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var options = new ConnectionOptions
        {
            Host = "127.0.0.1", Port = port, Tls = false, Nick = "pinger",
            PingInterval = TimeSpan.FromMilliseconds(300), PingTimeout = TimeSpan.FromMilliseconds(900),
        };
        await using var client = new ChatClient(options, TimeProvider.System, new BackoffPolicy(() => 0) { Base = TimeSpan.FromMilliseconds(100) });
        var states = new List<ConnectionStatus>();
        client.StatusChanged += status =>
        {
            lock (states)
            {
                states.Add(status);
            }
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var running = client.RunAsync(stop.Token);

        using var silent = await listener.AcceptTcpClientAsync(Cancellation).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        var silentLines = await ServeAsync(silent, answerPings: false);
        using var second = await listener.AcceptTcpClientAsync(Cancellation).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        var answered = ServeAsync(second, answerPings: true);
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation))
        {
            deadline.CancelAfter(TimeSpan.FromSeconds(10));
            while (client.Lag is null)
            {
                await Task.Delay(50, deadline.Token);
            }
        }

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);

        Assert.Contains(silentLines, line => line.StartsWith("PING lag", StringComparison.Ordinal));
        lock (states)
        {
            Assert.Contains(states, s => s.State == ConnectionState.Disconnected && s.Detail!.StartsWith("ping timeout", StringComparison.Ordinal));
            Assert.Equal(2, states.Count(s => s.State == ConnectionState.Connected));
        }

        Assert.InRange(client.Lag!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(1, client.ReconnectCount);
        await answered.WaitAsync(TimeSpan.FromSeconds(5), Cancellation);
    }

    // Registers the client (no capabilities offered), then reads until the client hangs up; answers
    // PINGs only if told to. Returns every line the client sent.
    private static async Task<List<string>> ServeAsync(TcpClient connection, bool answerPings)
    {
        var lines = new List<string>();
        var stream = connection.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        async Task SendAsync(string line) => await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), Cancellation);
        try
        {
            while (await reader.ReadLineAsync(Cancellation).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Cancellation) is { } line)
            {
                lines.Add(line);
                if (line == "CAP LS 302")
                {
                    await SendAsync(":fake CAP * LS :");
                }
                else if (line == "CAP END")
                {
                    await SendAsync(":fake 001 pinger :Welcome");
                }
                else if (answerPings && line.StartsWith("PING ", StringComparison.Ordinal))
                {
                    await SendAsync($":fake PONG fake {line[5..]}");
                }
            }
        }
        catch (IOException)
        {
            // The client dropped the connection: what a ping timeout does.
        }

        return lines;
    }
}
