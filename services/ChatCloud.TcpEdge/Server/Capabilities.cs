namespace ChatCloud.TcpEdge.Server;

/// <summary>The IRCv3 capabilities a client may enable here (docs/protocol.md, "Capabilities").</summary>
[Flags]
public enum Capabilities
{
    None = 0,

    /// <summary>The client gets its own messages back once stored, as everyone else sees them.</summary>
    EchoMessage = 1 << 0,

    /// <summary>Lines carry <c>@time=</c>, the server's time of the event in UTC with milliseconds.</summary>
    ServerTime = 1 << 1,

    /// <summary>Lines may carry tags: <c>msgid</c> on stored messages, and the client-only tags their authors sent.</summary>
    MessageTags = 1 << 2,

    /// <summary>Replies that belong together (a CHATHISTORY answer) come between <c>BATCH +id</c> and <c>BATCH -id</c>.</summary>
    Batch = 1 << 3,

    /// <summary>IRCv3 draft/chathistory: the client asks for history rather than expecting it played back.</summary>
    ChatHistory = 1 << 4,
}

public static class CapabilityNames
{
    private static readonly (string Name, Capabilities Flag)[] Known =
    [
        ("echo-message", Capabilities.EchoMessage),
        ("server-time", Capabilities.ServerTime),
        ("message-tags", Capabilities.MessageTags),
        ("batch", Capabilities.Batch),
        ("draft/chathistory", Capabilities.ChatHistory),
    ];

    /// <summary>What <c>CAP LS</c> lists, in a stable order.</summary>
    public static string Offered { get; } = string.Join(' ', Known.Select(k => k.Name));

    public static bool TryParse(string name, out Capabilities flag)
    {
        foreach (var (known, value) in Known)
        {
            if (string.Equals(known, name, StringComparison.Ordinal))
            {
                flag = value;
                return true;
            }
        }
        flag = Capabilities.None;
        return false;
    }

    public static string Format(Capabilities enabled) =>
        string.Join(' ', Known.Where(k => enabled.HasFlag(k.Flag)).Select(k => k.Name));
}
