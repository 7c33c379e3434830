using ChatCloud.Cli.Irc;
using ChatCloud.Cli.Session;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Cli.Integration.Tests;

/// <summary>
/// The client core against the booted suite: its socket is dropped abruptly while another user talks;
/// it reconnects, rejoins and fetches what it missed with CHATHISTORY AFTER, each line exactly once.
/// </summary>
public sealed class ReconnectTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_dropped_connection_the_messages_sent_meanwhile_appear_exactly_once()
    {
        string room = "#rejoin" + Guid.NewGuid().ToString("N")[..6];
        string nick = "rejoiner" + Guid.NewGuid().ToString("N")[..4];
        var options = new ConnectionOptions
        {
            Host = "127.0.0.1", Port = suite.IrcPort, Tls = false, Nick = nick, Account = nick,
            Password = TestPassword(nick), Register = true,
        };
        // A fixed 3 s before reconnecting: the other user's lines are stored while we are away.
        await using var client = new ChatClient(options, TimeProvider.System, new BackoffPolicy(() => 0.999) { Base = TimeSpan.FromSeconds(3) });
        var session = new ChatSession(nick, TimeProvider.System);
        client.Received += message =>
        {
            lock (session)
            {
                session.Nick = client.Nick;
                session.Capabilities = client.Capabilities;
                session.Apply(message);
            }
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var running = client.RunAsync(stop.Token);
        await client.Registered.WaitAsync(Deadlines.Request, Cancellation);
        await using var talker = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await talker.SendAsync("CAP REQ :echo-message", Cancellation);
        await talker.RegisterAsync("talker", Cancellation);
        await talker.SendAsync($"JOIN {room}", Cancellation);
        await talker.ExpectAsync(line => Verb(line) == "366", Cancellation);
        await client.SendAsync(new ChatCloud.Irc.IrcMessage("JOIN", room), Cancellation);
        await talker.ExpectAsync(line => Verb(line) == "JOIN" && line.StartsWith($":{nick}!", StringComparison.Ordinal), Cancellation);
        await SayAsync(talker, room, "before the drop");
        await ShowsAsync(session, room, "before the drop");

        client.DropConnection();
        await SayAsync(talker, room, "meanwhile one");
        await SayAsync(talker, room, "meanwhile two");
        var stateWhileTalking = client.Status.State;
        await ShowsAsync(session, room, "meanwhile two");
        await SayAsync(talker, room, "after the return");
        await ShowsAsync(session, room, "after the return");
        // A second drop replays from the newest line, again without doubles.
        client.DropConnection();
        await SayAsync(talker, room, "second absence");
        await ShowsAsync(session, room, "second absence");

        string[] texts;
        lock (session)
        {
            texts = [.. session.Find(room)!.Lines.Where(line => line.Kind == LineKind.Message).Select(line => line.Text)];
        }

        Assert.NotEqual(ConnectionState.Connected, stateWhileTalking);
        Assert.Equal(["before the drop", "meanwhile one", "meanwhile two", "after the return", "second absence"], texts);
        Assert.True(client.ReconnectCount >= 2, $"reconnected {client.ReconnectCount} times");
        await client.QuitAsync("done", Cancellation);
        await running.WaitAsync(Deadlines.Request, Cancellation);
    }

    // Sends and waits for the echo: the line is stored when this returns.
    private static async Task SayAsync(IrcTestClient talker, string room, string text)
    {
        await talker.SendAsync($"PRIVMSG {room} :{text}", Cancellation);
        await talker.ExpectAsync(line => Verb(line) == "PRIVMSG" && line.EndsWith(text, StringComparison.Ordinal), Cancellation);
    }

    private static async Task ShowsAsync(ChatSession session, string room, string text)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(Deadlines.Request);
        while (true)
        {
            lock (session)
            {
                if (session.Find(room)?.Lines.Any(line => line.Text == text) == true)
                {
                    return;
                }
            }

            await Task.Delay(50, deadline.Token);
        }
    }
}
