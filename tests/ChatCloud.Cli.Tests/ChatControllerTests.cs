using System.Text;
using ChatCloud.Cli.Irc;
using ChatCloud.Cli.Session;
using ChatCloud.Cli.Tui;
using ChatCloud.Irc;
using Microsoft.Extensions.Time.Testing;

namespace ChatCloud.Cli.Tests;

// What the input line's Enter does, against the session model and the send queue, without a
// terminal or a socket (the client is never started).
public sealed class ChatControllerTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly ChatClient _client = new(new ConnectionOptions { Host = "localhost", Port = 6697, Nick = "me" });
    private readonly ChatSession _session;
    private readonly ChatController _controller;

    public ChatControllerTests()
    {
        _session = new ChatSession("me", _time);
        _controller = new ChatController(_client, _session, action => action(), () => { });
    }

    private void Receive(string line)
    {
        Assert.Equal(IrcParseError.None, IrcParser.TryParse(Encoding.UTF8.GetBytes(line), out var message));
        _controller.Receive(message);
    }

    private List<string> Queued()
    {
        var lines = new List<string>();
        while (_controller.TryTakeQueued(out var line))
        {
            lines.Add(line.ToString());
        }

        return lines;
    }

    [Fact]
    public void Text_typed_after_join_but_before_the_server_answers_is_said_in_the_room_once_joined()
    {
        // The race the tmux test met: Enter on a line while the server buffer is still shown.
        Assert.True(_controller.Execute("/join #ops"));
        Assert.True(_controller.Execute("hello from the terminal"));
        Assert.Equal(["JOIN #ops"], Queued());

        Receive(":me!~me@host JOIN #ops");

        var room = _session.Find("#ops")!;
        Assert.Same(room, _session.Current);
        Assert.Single(room.Lines, line => line.Text == "hello from the terminal" && line.Nick == "me");
        Assert.Equal(["CHATHISTORY LATEST #ops * 50", "PRIVMSG #ops :hello from the terminal"], Queued());
        Assert.DoesNotContain(_session.ServerBuffer.Lines, line => line.Kind == LineKind.Error);
    }

    [Fact]
    public void Lines_held_for_a_join_the_server_refuses_are_shown_not_dropped()
    {
        _controller.Execute("/join #secret");
        _controller.Execute("are you there?");

        Receive(":srv 473 me #secret :Cannot join channel (+i)");

        Assert.Contains(_session.ServerBuffer.Lines, line => line.Kind == LineKind.Error && line.Text.EndsWith("are you there?", StringComparison.Ordinal));
        Assert.Equal(["JOIN #secret"], Queued());
    }

    [Fact]
    public void A_line_that_cannot_be_carried_out_is_refused_so_the_input_keeps_it()
    {
        Assert.False(_controller.Execute("hello, anyone?"));
        Assert.False(_controller.Execute("/frobnicate"));
        Assert.Empty(Queued());
    }

    [Fact]
    public void Register_sends_REGISTER_shows_no_password_and_later_connections_sign_in_to_the_new_account()
    {
        Assert.True(_controller.Execute("/register bob s3cret-pass bob@example.org"));

        Assert.Equal(["REGISTER bob bob@example.org s3cret-pass"], Queued());
        Receive(":srv REGISTER SUCCESS bob :Account created; you are logged in");

        Assert.Equal(("bob", "s3cret-pass", false), (_client.Options.Account, _client.Options.Password, _client.Options.Register));
        Assert.DoesNotContain(_session.Buffers.SelectMany(buffer => buffer.Lines), line => line.Text.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public void A_refused_register_leaves_the_credentials_as_they_were()
    {
        _controller.Execute("/register bob s3cret-pass");
        Receive(":srv FAIL REGISTER ACCOUNT_EXISTS bob :Account already exists");

        Assert.Null(_client.Options.Password);
        Assert.Contains(_session.ServerBuffer.Lines, line => line.Text.Contains("ACCOUNT_EXISTS", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();
}
