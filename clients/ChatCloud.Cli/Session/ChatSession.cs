using ChatCloud.Irc;

namespace ChatCloud.Cli.Session;

// The view model: every buffer, which one is shown, and what each server line does to them. It knows
// nothing of sockets or screens; ChatSession.Messages.cs applies lines, ChatSession.Sending.cs sends.
internal sealed partial class ChatSession
{
    public const string ServerBufferName = "*server*";

    private readonly List<ChatBuffer> _buffers = [];
    private readonly TimeProvider _time;

    public ChatSession(string nick, TimeProvider time)
    {
        Nick = nick;
        _time = time;
        Current = new ChatBuffer(ServerBufferName, BufferKind.Server) { Joined = true };
        _buffers.Add(Current);
    }

    // Raised after any change, for the UI to redraw.
    public event Action? Changed;

    // Raised for each line added to a buffer (not for own pending lines), for `tail`.
    public event Action<ChatBuffer, ChatLine>? LineAdded;

    public string Nick { get; set; }

    // Capabilities the server enabled: without echo-message an own line is stored as soon as sent.
    public IReadOnlySet<string> Capabilities { get; set; } = new HashSet<string>();

    public SessionStatus? Status { get; private set; }

    public IReadOnlyList<ChatBuffer> Buffers => _buffers;

    public ChatBuffer Current { get; private set; }

    public ChatBuffer ServerBuffer => _buffers[0];

    public ChatBuffer? Find(string name) => _buffers.Find(buffer => buffer.IsNamed(name));

    public ChatBuffer GetOrAdd(string name, BufferKind kind)
    {
        if (Find(name) is { } buffer)
        {
            return buffer;
        }

        buffer = new ChatBuffer(name, kind) { Joined = kind == BufferKind.Query };
        _buffers.Add(buffer);
        return buffer;
    }

    // Showing a buffer reads it: its counts go back to zero.
    public void Switch(ChatBuffer buffer)
    {
        Current = buffer;
        buffer.Unread = 0;
        buffer.Mentions = 0;
        Changed?.Invoke();
    }

    public void SwitchBy(int offset)
    {
        int at = _buffers.IndexOf(Current);
        Switch(_buffers[((at + offset) % _buffers.Count + _buffers.Count) % _buffers.Count]);
    }

    public void Close(ChatBuffer buffer)
    {
        if (buffer.Kind == BufferKind.Server)
        {
            return;
        }

        int at = _buffers.IndexOf(buffer);
        _buffers.Remove(buffer);
        if (Current == buffer)
        {
            Switch(_buffers[Math.Max(0, at - 1)]);
        }
    }

    public void SetStatus(SessionStatus status)
    {
        Status = status;
        Changed?.Invoke();
    }

    // A line from the client itself (help, errors of a command, search results).
    public void Note(string text, LineKind kind = LineKind.Event, ChatBuffer? buffer = null)
    {
        AddLine(buffer ?? Current, new ChatLine { Time = _time.GetUtcNow(), Nick = "-", Text = text, Kind = kind });
        Changed?.Invoke();
    }

    // A word of the text equal to our nick, ignoring case and the punctuation around it ("alice:").
    public bool Mentions(string text) =>
        text.Split([' ', ',', ':', '.', '!', '?', ';', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Any(word => IrcCaseMapping.Rfc1459.Equals(word, Nick));

    // Messages from others, stored by the server, are what unread counts count.
    private bool Counts(ChatLine line) =>
        line.Kind is LineKind.Message or LineKind.Action or LineKind.Notice
        && line.State == DeliveryState.Stored && !IrcCaseMapping.Rfc1459.Equals(line.Nick, Nick);

    private void AddLine(ChatBuffer buffer, ChatLine line)
    {
        if (!buffer.Add(line))
        {
            return;
        }

        // A line older than the read marker was read already, on another device perhaps.
        if (Counts(line) && buffer != Current && !(line.Time <= buffer.ReadMarker))
        {
            buffer.Unread++;
            if (line.IsMention || buffer.Kind == BufferKind.Query)
            {
                buffer.Mentions++;
            }
        }

        if (line.State != DeliveryState.Pending)
        {
            LineAdded?.Invoke(buffer, line);
        }
    }
}
