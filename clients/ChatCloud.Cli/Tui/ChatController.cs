using System.Threading.Channels;
using ChatCloud.Cli.Commands;
using ChatCloud.Cli.Irc;
using ChatCloud.Cli.Login;
using ChatCloud.Cli.Recommendations;
using ChatCloud.Cli.Session;
using ChatCloud.Irc;

namespace ChatCloud.Cli.Tui;

// Carries out what the user typed and what the server sends. Runs on the UI thread; lines to the
// server go through one queue with one sender, so they leave in the order typed and a slow socket
// never blocks the screen.
internal sealed class ChatController(ChatClient client, ChatSession session, Action<Action> onUi, Action quit, ISuggestionSource? suggestions = null)
{
    // /suggest asks over HTTP; an answer that takes longer is reported as a failure.
    public static readonly TimeSpan SuggestionTimeout = TimeSpan.FromSeconds(15);

    // Lines typed in the server buffer while a /join is under way wait for the room, at most this many.
    public const int MaxHeldLines = 20;

    private static readonly HashSet<string> JoinRefusals = ["403", "405", "471", "473", "474", "475", "476", "477", "489"];

    private readonly Channel<(IrcMessage Line, string? Label)> _outgoing = Channel.CreateUnbounded<(IrcMessage, string?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _joining = new(IrcCaseMapping.Rfc1459);
    private readonly List<Unaddressed> _held = [];
    // The REGISTER under way, kept until the server answers so that reconnections can sign in to
    // the new account. In memory only.
    private RegisterAccount? _registering;

    // Carries out one line of input. False when it could not be, so the input line keeps the text:
    // what the user typed is never thrown away by a mistake or a race.
    public bool Execute(string input)
    {
        var context = new CommandContext(session.Current.Kind == BufferKind.Server ? null : session.Current.Name, session.Current.OldestMsgId);
        switch (CommandParser.Parse(input, context))
        {
            case SendLines send:
                foreach (var line in send.Lines)
                {
                    if (line is { Command: "JOIN", Parameters: [var rooms, ..] })
                    {
                        _joining.UnionWith(rooms.Split(',', StringSplitOptions.RemoveEmptyEntries));
                    }

                    _outgoing.Writer.TryWrite((line, null));
                }

                break;
            case Say say:
                Say(say.Target, say.Text, say.Action);
                break;
            case Unaddressed unaddressed when _joining.Count > 0 && _held.Count < MaxHeldLines:
                // Typed right after /join, before the server answered (the buffer switches when it
                // does): the user meant the room, so the line waits for it rather than being refused.
                _held.Add(unaddressed);
                session.Note($"Waiting for {string.Join(", ", _joining)} to be joined to say: {unaddressed.Text}");
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
                return false;
            case ShowText show:
                session.Note(show.Text);
                break;
            case SearchLines search:
                Search(search.Text);
                break;
            case ShowSuggestions when suggestions is null:
                session.Note("Suggestions need a token: sign in with chatcloud login, then start chatcloud again.", LineKind.Error);
                return false;
            case ShowSuggestions show:
                session.Note("Asking for suggestions…");
                SuggestionsTask = ShowSuggestionsAsync(suggestions, show.Count);
                break;
            case RegisterAccount register:
                _registering = register;
                session.Note($"Creating the account {register.Account}…");
                _outgoing.Writer.TryWrite((register.Line, null));
                break;
            case Quit:
                quit();
                break;
            case CommandError error:
                session.Note(error.Message, LineKind.Error);
                return false;
        }

        return true;
    }

    // The /suggest under way, for tests to wait on; the UI never waits for it.
    internal Task SuggestionsTask { get; private set; } = Task.CompletedTask;

    private async Task ShowSuggestionsAsync(ISuggestionSource source, int count)
    {
        var target = session.Current;
        try
        {
            using var deadline = new CancellationTokenSource(SuggestionTimeout);
            var found = await source.GetAsync(count, deadline.Token);
            onUi(() =>
            {
                foreach (var line in SuggestionFormat.Lines(found))
                {
                    session.Note(line, LineKind.Event, target);
                }
            });
        }
        catch (Exception exception) when (exception is SuggestionsUnavailableException or HttpRequestException or OperationCanceledException or AuthenticationFailedException or System.Text.Json.JsonException)
        {
            string message = exception switch
            {
                OperationCanceledException => "Suggestions: no answer within 15 s.",
                HttpRequestException http => $"Suggestions: cannot reach the server ({http.Message}).",
                _ => exception.Message,
            };
            onUi(() => session.Note(message, LineKind.Error, target));
        }
    }

    // A line from the server (already on the UI thread).
    public void Receive(IrcMessage message)
    {
        session.Nick = client.Nick;
        session.Capabilities = client.Capabilities;
        var p = message.Parameters;
        bool ownJoin = message is { Command: "JOIN", Parameters: [_, ..] } && !message.TryGetTag("batch", out _)
            && IrcCaseMapping.Rfc1459.Equals(message.Source?.Split('!', 2)[0], client.Nick);
        bool firstJoin = ownJoin && session.Find(p[0]) is null;
        session.Apply(message);
        if (firstJoin)
        {
            // A room opened for the first time shows its recent past (IRCv3 chathistory); a
            // rejoin after a reconnect is the client core's CHATHISTORY AFTER instead.
            Send(new IrcMessage("CHATHISTORY", "LATEST", p[0], "*", "50"));
        }

        if (message is { Command: "REGISTER", Parameters: ["SUCCESS", var account, ..] } && _registering is { } created)
        {
            client.UseCredentials(account, created.Password);
            _registering = null;
        }
        else if (message is { Command: "FAIL", Parameters: ["REGISTER", ..] })
        {
            _registering = null;
        }

        if (ownJoin && _joining.Remove(p[0]))
        {
            foreach (var held in _held)
            {
                Say(p[0], held.Text, held.Action);
            }

            _held.Clear();
        }
        else if (JoinRefusals.Contains(message.Command) && p.Count > 1 && _joining.Remove(p[1]) && _joining.Count == 0)
        {
            foreach (var held in _held)
            {
                session.Note($"Not said, no room was joined: {held.Text}", LineKind.Error, session.ServerBuffer);
            }

            _held.Clear();
        }
    }

    // The next line waiting for the sender (tests read the queue with it).
    internal bool TryTakeQueued(out IrcMessage line)
    {
        bool taken = _outgoing.Reader.TryRead(out var item);
        line = item.Line;
        return taken;
    }

    public void Send(IrcMessage line) => _outgoing.Writer.TryWrite((line, null));

    // Marks the buffer shown as read up to its newest line. Called when the user switches buffers and
    // every few seconds (not per line: a busy room would spend the flood allowance on MARKREAD).
    public void MarkRead()
    {
        if (session.ReadMarkerToSend() is { } markread)
        {
            Send(markread);
        }
    }

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
