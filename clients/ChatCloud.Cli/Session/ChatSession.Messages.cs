using System.Globalization;
using ChatCloud.Irc;

namespace ChatCloud.Cli.Session;

// What each line from the server does to the buffers.
internal sealed partial class ChatSession
{
    private static readonly char[] MemberPrefixes = ['~', '&', '@', '%', '+'];

    public void Apply(IrcMessage message)
    {
        var p = message.Parameters;
        string source = message.Source ?? "";
        string nick = source.Split('!', 2)[0];
        bool fromMe = IrcCaseMapping.Rfc1459.Equals(nick, Nick);
        var time = TimeOf(message);
        if (message.TryGetTag("batch", out _) && message.Command is "JOIN" or "PART" or "KICK" or "QUIT" or "NICK" or "TOPIC")
        {
            // History (draft/event-playback): shown, but it changes neither members nor our rooms.
            var room = message.Command is "QUIT" or "NICK" ? null : p.Count > 0 ? Find(p[0]) : null;
            if (room is not null)
            {
                Event(room, message, time, $"{nick} {message.Command.ToLowerInvariant()} {string.Join(' ', p.Skip(1))}".TrimEnd());
                Changed?.Invoke();
            }

            return;
        }

        switch (message.Command)
        {
            case "PRIVMSG" or "NOTICE" when p.Count >= 2:
                ApplyMessage(message, nick, fromMe, time);
                break;
            case "JOIN" when p.Count >= 1:
                var joined = GetOrAdd(p[0], BufferKind.Room);
                joined.Members.Add(nick);
                if (fromMe && !joined.Joined)
                {
                    joined.Joined = true;
                    Switch(joined);
                }

                Event(joined, message, time, $"{nick} joined {p[0]}");
                break;
            case "PART" when p.Count >= 1 && Find(p[0]) is { } parted:
                parted.Members.Remove(nick);
                parted.Joined &= !fromMe;
                Event(parted, message, time, $"{nick} left {p[0]}{Reason(p, 1)}");
                break;
            case "KICK" when p.Count >= 2 && Find(p[0]) is { } kicked:
                kicked.Members.Remove(p[1]);
                kicked.Joined &= !IrcCaseMapping.Rfc1459.Equals(p[1], Nick);
                Event(kicked, message, time, $"{nick} kicked {p[1]}{Reason(p, 2)}");
                break;
            case "QUIT":
                foreach (var room in _buffers.Where(buffer => buffer.Members.Remove(nick)))
                {
                    Event(room, message, time, $"{nick} quit{Reason(p, 0)}");
                }

                break;
            case "NICK" when p.Count >= 1:
                Rename(nick, p[0], fromMe, time);
                break;
            case "TOPIC" when p.Count >= 2 && Find(p[0]) is { } topicRoom:
                topicRoom.Topic = p[1];
                Event(topicRoom, message, time, $"{nick} set the topic: {p[1]}");
                break;
            case Numerics.RPL_TOPIC when p.Count >= 3:
                GetOrAdd(p[1], BufferKind.Room).Topic = p[2];
                break;
            case Numerics.RPL_NAMREPLY when p.Count >= 4 && Find(p[2]) is { } namesRoom:
                foreach (string entry in p[3].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    // multi-prefix gives "@+nick", userhost-in-names "nick!user@host".
                    namesRoom.Members.Add(entry.TrimStart(MemberPrefixes).Split('!', 2)[0]);
                }

                break;
            case "MARKREAD":
                ApplyReadMarker(p);
                break;
            case Numerics.RPL_ENDOFNAMES or "BATCH" or "PONG" or "PING" or "CAP" or "ACCOUNT" or "AWAY" or "ACK":
                break;
            case "FAIL" when message.TryGetTag("label", out var failedLabel) && FindPendingByLabel(failedLabel) is { } failed:
                failed.Line.State = DeliveryState.Failed;
                Note($"Not sent: {p[^1]}", LineKind.Error, failed.Buffer);
                break;
            case "FAIL" or "WARN" or "NOTE" or "ERROR":
                Note($"{message.Command} {string.Join(' ', p)}", message.Command == "ERROR" ? LineKind.Error : LineKind.Event, ServerBuffer);
                break;
            default:
                ApplyReply(message, time);
                break;
        }

        Changed?.Invoke();
    }

    // Numerics: errors (4xx, 5xx) go where the user is looking; the rest to the server buffer.
    private void ApplyReply(IrcMessage message, DateTimeOffset time)
    {
        var p = message.Parameters;
        bool isError = message.Command.Length == 3 && message.Command[0] is '4' or '5';
        string text = string.Join(' ', p.Skip(1));
        var buffer = isError ? Current : ServerBuffer;
        AddLine(buffer, new ChatLine
        {
            Time = time, Nick = "-", Text = text.Length == 0 ? message.ToString() : text,
            Kind = isError ? LineKind.Error : LineKind.Event,
        });
    }

    private void ApplyMessage(IrcMessage message, string nick, bool fromMe, DateTimeOffset time)
    {
        var p = message.Parameters;
        string target = p[0];
        string text = p[1];
        message.TryGetTag("msgid", out var msgid);
        var kind = message.Command == "NOTICE" ? LineKind.Notice : LineKind.Message;
        if (text is ['\u0001', .. var ctcp] && ctcp.StartsWith("ACTION", StringComparison.Ordinal))
        {
            kind = LineKind.Action;
            text = ctcp[6..].TrimStart().TrimEnd('\u0001');
        }

        ChatBuffer buffer;
        if (target.StartsWith('#'))
        {
            buffer = GetOrAdd(target, BufferKind.Room);
        }
        else if (!message.Source!.Contains('!', StringComparison.Ordinal) || target == "*")
        {
            buffer = ServerBuffer;
        }
        else
        {
            // A direct message lives in a buffer named after the other side.
            buffer = GetOrAdd(fromMe ? target : nick, BufferKind.Query);
        }

        if (fromMe && (ConfirmByLabel(message, msgid, time) || ConfirmByText(buffer, text, msgid, time)))
        {
            return;
        }

        message.TryGetTag("account", out var account);
        AddLine(buffer, new ChatLine
        {
            Time = time, Nick = nick, Text = text, Kind = kind, MsgId = msgid, Account = account,
            IsMention = !fromMe && Mentions(text),
        });
    }

    private void Rename(string from, string to, bool fromMe, DateTimeOffset time)
    {
        if (fromMe)
        {
            Nick = to;
            Note($"You are now known as {to}", LineKind.Event, ServerBuffer);
        }

        foreach (var buffer in _buffers)
        {
            if (buffer.Members.Remove(from))
            {
                buffer.Members.Add(to);
                AddLine(buffer, new ChatLine { Time = time, Nick = "-", Text = $"{from} is now known as {to}", Kind = LineKind.Event });
            }

            if (buffer.Kind == BufferKind.Query && buffer.IsNamed(from))
            {
                buffer.Name = to;
            }
        }
    }

    // Joins and parts carry msgids too (event-playback replays them): dedupe them like messages.
    private void Event(ChatBuffer buffer, IrcMessage message, DateTimeOffset time, string text)
    {
        message.TryGetTag("msgid", out var msgid);
        AddLine(buffer, new ChatLine { Time = time, Nick = "-", Text = text, Kind = LineKind.Event, MsgId = msgid });
    }

    private DateTimeOffset TimeOf(IrcMessage message) =>
        message.TryGetTag("time", out var value)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : _time.GetUtcNow();

    private static string Reason(IReadOnlyList<string> p, int at) => p.Count > at && p[at].Length > 0 ? $" ({p[at]})" : "";
}
