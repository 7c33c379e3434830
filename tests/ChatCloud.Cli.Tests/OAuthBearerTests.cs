using System.Net;
using System.Net.Sockets;
using System.Text;
using ChatCloud.Cli.Irc;
using ChatCloud.Cli.Login;

namespace ChatCloud.Cli.Tests;

/// <summary>
/// Signing in with a saved login's token: SASL OAUTHBEARER in 400-byte chunks, and a re-authentication
/// on the live connection (sasl-3.2) shortly before the token expires, against a loopback server that
/// accepts any token and records what it is sent.
/// </summary>
public sealed class OAuthBearerTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void Responses_are_cut_in_400_byte_chunks_with_a_plus_after_an_exact_multiple()
    {
        string token = new('t', 900);
        var chunks = Sasl.OAuthBearer(token);

        Assert.All(chunks, chunk => Assert.InRange(chunk.Length, 1, 400));
        string decoded = Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(chunks.Where(c => c != "+"))));
        Assert.Equal($"n,,\u0001auth=Bearer {token}\u0001\u0001", decoded);
        // 300 bytes encode to exactly 400 base64 characters: a lone "+" must end the response.
        Assert.Equal(["+"], Sasl.Plain("a", new string('p', 297)).Skip(1));
        Assert.Single(Sasl.Plain("a", "short password"));
    }

    [Fact]
    public async Task A_token_signs_in_with_OAUTHBEARER_and_again_before_it_expires_on_the_same_connection()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var tokens = new CountingTokens();
        var options = new ConnectionOptions
        {
            Host = "127.0.0.1", Port = ((IPEndPoint)listener.LocalEndpoint).Port, Tls = false, Nick = "tokenuser", Tokens = tokens,
            PingInterval = TimeSpan.FromMilliseconds(400), PingTimeout = TimeSpan.FromSeconds(30),
        };
        await using var client = new ChatClient(options);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var running = client.RunAsync(stop.Token);
        using var connection = await listener.AcceptTcpClientAsync(Cancellation).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        var lines = new List<string>();
        var serving = ServeAsync(connection, lines);

        await client.Registered.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation))
        {
            deadline.CancelAfter(TimeSpan.FromSeconds(15));
            while (Bearers(lines).Count < 2)
            {
                await Task.Delay(50, deadline.Token);
            }
        }

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10), Cancellation);

        Assert.Equal(["token-1", "token-2"], Bearers(lines));
        Assert.Equal(2, lines.Count(line => line == "AUTHENTICATE OAUTHBEARER"));
        Assert.Equal("tokenuser", client.Account);
        Assert.DoesNotContain(lines, line => line.StartsWith("AUTHENTICATE PLAIN", StringComparison.Ordinal));
        await serving.WaitAsync(TimeSpan.FromSeconds(5), Cancellation);
    }

    private static List<string> Bearers(List<string> lines)
    {
        lock (lines)
        {
            return lines.Where(line => line.StartsWith("AUTHENTICATE ", StringComparison.Ordinal) && line.Length > 30)
                .Select(line => Encoding.UTF8.GetString(Convert.FromBase64String(line["AUTHENTICATE ".Length..])))
                .Select(response => response.Split("Bearer ")[1].TrimEnd('\u0001'))
                .ToList();
        }
    }

    // A token that expires 62 s after it is issued: re-authentication is due 2 s later.
    private sealed class CountingTokens : IAccessTokenSource
    {
        private int _issued;

        public Task<AccessToken> GetAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new AccessToken($"token-{Interlocked.Increment(ref _issued)}", DateTimeOffset.UtcNow.AddSeconds(62)));
    }

    private static async Task ServeAsync(TcpClient connection, List<string> lines)
    {
        var stream = connection.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        async Task SendAsync(string line) => await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), Cancellation);
        try
        {
            while (await reader.ReadLineAsync(Cancellation).AsTask().WaitAsync(TimeSpan.FromSeconds(20), Cancellation) is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }

                switch (line)
                {
                    case "CAP LS 302":
                        await SendAsync(":fake CAP * LS :sasl=PLAIN,OAUTHBEARER");
                        break;
                    case ['C', 'A', 'P', ' ', 'R', 'E', 'Q', ..]:
                        await SendAsync(":fake CAP * ACK :sasl");
                        break;
                    case "AUTHENTICATE OAUTHBEARER":
                        await SendAsync("AUTHENTICATE +");
                        break;
                    case ['A', 'U', 'T', 'H', 'E', 'N', 'T', 'I', 'C', 'A', 'T', 'E', ' ', ..]:
                        await SendAsync(":fake 900 tokenuser tokenuser!u@h tokenuser :You are now logged in as tokenuser");
                        await SendAsync(":fake 903 tokenuser :SASL authentication successful");
                        break;
                    case "CAP END":
                        await SendAsync(":fake 001 tokenuser :Welcome");
                        break;
                    case ['P', 'I', 'N', 'G', ' ', ..]:
                        await SendAsync($":fake PONG fake {line[5..]}");
                        break;
                }
            }
        }
        catch (IOException)
        {
            // The client hung up.
        }
    }
}
