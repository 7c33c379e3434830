using System.Text;
using ChatCloud.Irc;

namespace ChatCloud.TcpEdge.Server;

/// <summary>
/// The answer to one labeled command (IRCv3 labeled-response): the dispatcher opens it around the
/// handler, and every line the handler sends to its own session passes through it. One line goes
/// out tagged <c>label=</c>; from a second line on the lines go in a <c>labeled-response</c> batch
/// whose start carries the label (a batch the handler opens itself, CHATHISTORY's, nests inside it);
/// no line at all is answered <c>ACK</c>. Lines are held back at most one at a time, so a long answer
/// streams as usual.
/// </summary>
/// <remarks>
/// The current response flows with the handler's async context only: fan-out and delivery threads
/// that send to this session at the same time never see it, and lines to other sessions are not its.
/// </remarks>
public sealed class LabeledResponse
{
    /// <summary>"The value MUST NOT exceed 64 bytes"; a longer label is ignored, and the command answered unlabeled.</summary>
    public const int MaxLabelBytes = 64;

    private static readonly AsyncLocal<LabeledResponse?> s_current = new();

    private readonly IrcSession _session;
    private ReadOnlyMemory<byte>? _held;
    private string? _batch;
    private bool _handedOff;
    private bool _ended;

    private LabeledResponse(IrcSession session, string label)
    {
        _session = session;
        Label = label;
    }

    public string Label { get; }

    /// <summary>The response the current handler is writing, if its command was labeled.</summary>
    public static LabeledResponse? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    /// <summary>A response for <paramref name="message"/>, or null when it is answered as usual.</summary>
    public static LabeledResponse? For(IrcSession session, in IrcMessage message)
    {
        // The spec depends on batch, which "MUST be negotiated to use labeled responses".
        if (!session.Has(Capabilities.LabeledResponse | Capabilities.Batch)
            || !message.TryGetTag("label", out var label) || label.Length == 0 || Encoding.UTF8.GetByteCount(label) > MaxLabelBytes)
        {
            return null;
        }
        return new LabeledResponse(session, label);
    }

    /// <summary>
    /// For a message whose answer comes later (the echo-message copy, once stored): the label goes
    /// with it, and this response ends without ACK. Null when lines were already sent, or for
    /// another session; the later copy then goes unlabeled.
    /// </summary>
    public static string? HandOff(IrcSession session)
    {
        if (Current is not { } response || !response.Captures(session) || response._held is not null || response._batch is not null)
        {
            return null;
        }
        response._handedOff = true;
        return response.Label;
    }

    /// <summary>Whether a line the handler sends to <paramref name="session"/> goes through this response.</summary>
    public bool Captures(IrcSession session) => !_ended && !_handedOff && ReferenceEquals(session, _session);

    public void Add(ReadOnlyMemory<byte> line)
    {
        if (_batch is null && _held is not { } held)
        {
            _held = line;
            return;
        }
        if (_batch is null)
        {
            // A second line: the answer is a batch after all.
            _batch = _session.NextBatchId();
            _session.SendNow(IrcLineTags.Add(IrcWriter.GetBytes(
                new IrcMessage(_session.Server.Name, "BATCH", ["+" + _batch, "labeled-response"])), new IrcTag("label", Label)));
            SendInBatch(_held!.Value);
            _held = null;
        }
        SendInBatch(line);
    }

    /// <summary>
    /// Sends what is held and closes the batch, or answers ACK when nothing was sent. Returns the
    /// label when nothing was sent and <paramref name="acknowledge"/> is false, for the caller's own line.
    /// </summary>
    public string? End(bool acknowledge = true)
    {
        if (_ended)
        {
            return null;
        }
        _ended = true;
        if (_batch is not null)
        {
            _session.SendNow(IrcWriter.GetBytes(new IrcMessage(_session.Server.Name, "BATCH", ["-" + _batch])));
        }
        else if (_held is { } held)
        {
            _session.SendNow(IrcLineTags.Add(held.Span, new IrcTag("label", Label)));
        }
        else if (!_handedOff)
        {
            if (!acknowledge)
            {
                return Label;
            }
            _session.SendNow(IrcLineTags.Add(IrcWriter.GetBytes(new IrcMessage(_session.Server.Name, "ACK", [])), new IrcTag("label", Label)));
        }
        return null;
    }

    // IRCv3 batch, "Nested batch": the inner batch's BATCH + and BATCH - lines carry the outer batch's
    // tag; the lines inside it carry the inner batch's tag only.
    private void SendInBatch(ReadOnlyMemory<byte> line) =>
        _session.SendNow(IrcLineTags.Has(line.Span, "batch") ? line : IrcLineTags.Add(line.Span, new IrcTag("batch", _batch!)));
}
