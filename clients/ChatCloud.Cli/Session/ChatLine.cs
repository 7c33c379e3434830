namespace ChatCloud.Cli.Session;

internal enum LineKind
{
    Message,
    Action,
    Notice,
    // Joins, parts, topics, server replies: shown dimmed, never counted as unread.
    Event,
    Error,
}

internal enum DeliveryState
{
    // Stored by the server (or not ours): it has a msgid and the server's time.
    Stored,
    // Sent by us, not yet echoed back as stored (echo-message).
    Pending,
    Failed,
}

// One line of a buffer. Own messages change state once, from Pending to Stored or Failed.
internal sealed class ChatLine
{
    public required DateTimeOffset Time { get; set; }

    public required string Nick { get; init; }

    public required string Text { get; init; }

    public LineKind Kind { get; init; }

    public string? Account { get; init; }

    public string? MsgId { get; set; }

    // The labeled-response label an own message was sent with.
    public string? Label { get; init; }

    public DeliveryState State { get; set; }

    public bool IsMention { get; init; }
}
