using ChatCloud.Cli.Irc;

namespace ChatCloud.Cli.Session;

// The status line: where we are connected, how, as whom, and how well.
internal sealed record SessionStatus(
    string Server, bool Tls, string? Account, ConnectionState State, string? Detail, TimeSpan? Lag)
{
    public string Describe()
    {
        string lag = Lag is { } value ? $" lag {value.TotalMilliseconds:0} ms" : "";
        string detail = Detail is null ? "" : $" ({Detail})";
        return $"{Server} {(Tls ? "TLS" : "plain")} {Account ?? "no account"} {State}{detail}{lag}";
    }
}
