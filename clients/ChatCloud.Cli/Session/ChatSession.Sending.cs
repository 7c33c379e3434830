using ChatCloud.Irc;

namespace ChatCloud.Cli.Session;

// Own messages: shown at once as pending, confirmed by their echo (echo-message), matched by the
// label they were sent with (labeled-response), or by text when the echo comes without one (an echo
// replayed by CHATHISTORY after a reconnect, or a server without labeled-response).
internal sealed partial class ChatSession
{
    // Adds the pending line and returns the line to send.
    public IrcMessage Say(string target, string text, bool action, string label)
    {
        var buffer = GetOrAdd(target, target.StartsWith('#') ? BufferKind.Room : BufferKind.Query);
        bool echoes = Capabilities.Contains("echo-message");
        bool labels = echoes && Capabilities.Contains("labeled-response") && Capabilities.Contains("batch");
        AddLine(buffer, new ChatLine
        {
            Time = _time.GetUtcNow(), Nick = Nick, Text = text, Kind = action ? LineKind.Action : LineKind.Message,
            Label = labels ? label : null, State = echoes ? DeliveryState.Pending : DeliveryState.Stored,
        });
        Changed?.Invoke();
        string body = action ? $"\u0001ACTION {text}\u0001" : text;
        return new IrcMessage(null, "PRIVMSG", [target, body], labels ? [new IrcTag("label", label)] : null);
    }

    // The line could not be sent at all (not connected): it will never be echoed.
    public void MarkFailed(string label, string why)
    {
        if (FindPendingByLabel(label) is { } pending)
        {
            pending.Line.State = DeliveryState.Failed;
            Note($"Not sent: {why}", LineKind.Error, pending.Buffer);
        }
    }

    private bool ConfirmByLabel(IrcMessage message, string? msgid, DateTimeOffset time)
    {
        if (!message.TryGetTag("label", out var label) || FindPendingByLabel(label) is not { } pending)
        {
            return false;
        }

        pending.Buffer.Confirm(pending.Line, msgid, time);
        LineAdded?.Invoke(pending.Buffer, pending.Line);
        return true;
    }

    private bool ConfirmByText(ChatBuffer buffer, string text, string? msgid, DateTimeOffset time)
    {
        if (buffer.FindPending(line => line.Text == text) is not { } line)
        {
            return false;
        }

        buffer.Confirm(line, msgid, time);
        LineAdded?.Invoke(buffer, line);
        return true;
    }

    private (ChatBuffer Buffer, ChatLine Line)? FindPendingByLabel(string label)
    {
        foreach (var buffer in _buffers)
        {
            if (buffer.FindPending(line => line.Label == label) is { } line)
            {
                return (buffer, line);
            }
        }

        return null;
    }
}
