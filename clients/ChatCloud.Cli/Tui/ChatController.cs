using System.Threading.Channels;
using ChatCloud.Cli.Commands;
using ChatCloud.Cli.Irc;
using ChatCloud.Cli.Session;
using ChatCloud.Irc;

namespace ChatCloud.Cli.Tui;

// Carries out what the user typed. Runs on the UI thread; lines to the server go through one queue
// with one sender, so they leave in the order typed and a slow socket never blocks the screen.
internal sealed class ChatController(ChatClient client, ChatSession session, Action<Action> onUi, Action quit)
{
    private readonly Channel<(IrcMessage Line, string? Label)> _outgoing = Channel.CreateUnbounded<(IrcMessage, string?)>(new UnboundedChannelOptions { SingleReader = true });

    public void Execute(string input)
    {
        var context = new CommandContext(session.Current.Kind == BufferKind.Server ? null : session.Current.Name, session.Current.OldestMsgId);
        switch (CommandParser.Parse(input, context))
        {
            case SendLines send:
                foreach (var line in send.Lines)
                {
                    _outgoing.Writer.TryWrite((line, null));
                }

                break;
            case Say say:
                Say(say.Target, say.Text, say.Action);
                break;
            case OpenQuery query:
                session.Switch(session.GetOrAdd(query.Nick, BufferKind.Query));
                if (query.Text is { } text)
                {
                    Say(query.Nick, text, action: false);
                }

                break;
            case CloseBuffer when session.Current.Kind == BufferKind.Query || (session.Current.Kind == BufferKind.Room && !session.Current.Joined):
                session.Close(session.Current);
                break;
            case CloseBuffer:
                session.Note("Only a direct-message buffer or a room you left can be closed; /part first.", LineKind.Error);
                break;
            case ShowText show:
                session.Note(show.Text);
                break;
            case SearchLines search:
                Search(search.Text);
                break;
            case Quit:
                quit();
                break;
            case CommandError error:
                session.Note(error.Message, LineKind.Error);
                break;
        }
    }

    public void Send(IrcMessage line) => _outgoing.Writer.TryWrite((line, null));

    // The one sender: runs until the app ends.
    public async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (line, label) in _outgoing.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await client.SendAsync(line, cancellationToken);
                }
                catch (Exception exception) when (exception is InvalidOperationException or IOException or ObjectDisposedException)
                {
                    string why = exception.Message;
                    onUi(() =>
                    {
                        if (label is not null)
                        {
                            session.MarkFailed(label, why);
                        }
                        else
                        {
                            session.Note($"Not sent ({line.Command}): {why}", LineKind.Error);
                        }
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The app is closing.
        }
    }

    private void Say(string target, string text, bool action)
    {
        string label = client.NextLabel();
        session.Capabilities = client.Capabilities;
        var line = session.Say(target, text, action, label);
        _outgoing.Writer.TryWrite((line, label));
    }

    private void Search(string text)
    {
        var matches = session.Current.Lines
            .Where(line => line.Kind != LineKind.Event && line.Text.Contains(text, StringComparison.OrdinalIgnoreCase))
            .ToList();
        session.Note($"/search {text}: {matches.Count} line(s) in {session.Current.Name} (local; /history fetches older ones)");
        foreach (var line in matches.TakeLast(20))
        {
            session.Note($"{line.Time.ToLocalTime():yyyy-MM-dd HH:mm} <{line.Nick}> {line.Text}");
        }
    }
}
