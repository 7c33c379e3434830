using ChatCloud.Irc;

namespace ChatCloud.Cli.Irc;

// Connection registration as IRCv3 capability negotiation describes it: CAP LS 302, NICK, USER,
// CAP REQ of what we use and the server offers, SASL (OAUTHBEARER with a token, else PLAIN) or
// REGISTER, CAP END, then 001.
internal static class Registration
{
    // What the client understands; requested only if offered.
    public static readonly string[] WantedCapabilities =
    [
        "server-time", "message-tags", "echo-message", "batch", "labeled-response", "draft/chathistory",
        "draft/event-playback", "sasl", "account-tag", "away-notify", "multi-prefix", "userhost-in-names",
        "draft/read-marker", "draft/account-registration",
    ];

    internal sealed record Result(string Nick, IReadOnlySet<string> Capabilities, string? Account);

    public static async Task<Result> RunAsync(
        IrcConnection connection, ConnectionOptions options, string? bearer, Action<IrcMessage> observe, CancellationToken cancellationToken)
    {
        string nick = options.Nick;
        await connection.SendAsync(new IrcMessage("CAP", "LS", "302"), cancellationToken);
        await connection.SendAsync(new IrcMessage("NICK", nick), cancellationToken);
        await connection.SendAsync(new IrcMessage("USER", nick, "0", "*", "chatcloud terminal client"), cancellationToken);

        var offered = new HashSet<string>(StringComparer.Ordinal);
        var enabled = new HashSet<string>(StringComparer.Ordinal);
        string? account = null;
        bool capsDone = false;
        while (true)
        {
            var message = await connection.ReadAsync(cancellationToken)
                ?? throw new IOException("The server closed the connection during registration.");
            observe(message);
            var p = message.Parameters;
            switch (message.Command)
            {
                case "PING":
                    await connection.SendAsync(new IrcMessage("PONG", [.. p]), cancellationToken);
                    break;
                case "CAP" when p.Count >= 3 && p[1] == "LS":
                    // "CAP * LS * :caps" continues; the last line has no "*" (IRCv3 CAP LS 302).
                    foreach (string cap in p[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        offered.Add(cap.Split('=', 2)[0]);
                    }

                    if (p.Count == 3)
                    {
                        var request = WantedCapabilities.Where(offered.Contains).ToArray();
                        if (request.Length == 0)
                        {
                            capsDone = true;
                            await FinishAsync(connection, options, bearer, enabled, cancellationToken);
                        }
                        else
                        {
                            await connection.SendAsync(new IrcMessage("CAP", "REQ", string.Join(' ', request)), cancellationToken);
                        }
                    }

                    break;
                case "CAP" when p.Count >= 3 && p[1] == "ACK" && !capsDone:
                    enabled.UnionWith(p[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    capsDone = true;
                    await FinishAsync(connection, options, bearer, enabled, cancellationToken);
                    break;
                case "CAP" when p.Count >= 3 && p[1] == "NAK" && !capsDone:
                    capsDone = true;
                    await FinishAsync(connection, options, bearer, enabled, cancellationToken);
                    break;
                case "AUTHENTICATE" when p is ["+"]:
                    foreach (string chunk in bearer is not null ? Sasl.OAuthBearer(bearer) : Sasl.Plain(options.Account ?? nick, options.Password ?? ""))
                    {
                        await connection.SendAsync(new IrcMessage("AUTHENTICATE", chunk), cancellationToken);
                    }

                    break;
                case "AUTHENTICATE" when p.Count == 1:
                    // OAUTHBEARER's error challenge (RFC 7628 §3.2.2): answered with a lone ^A; 904 follows.
                    await connection.SendAsync(new IrcMessage("AUTHENTICATE", "AQ=="), cancellationToken);
                    break;
                case Numerics.RPL_LOGGEDIN when p.Count >= 3:
                    account = p[2];
                    break;
                case Numerics.RPL_SASLSUCCESS:
                    await connection.SendAsync(new IrcMessage("CAP", "END"), cancellationToken);
                    break;
                case "904" or "905" or "906" or "902":
                    throw new AuthenticationFailedException($"SASL login refused: {p[^1]}");
                case "REGISTER" when p.Count >= 2 && p[0] == "SUCCESS":
                    account = p[1];
                    await connection.SendAsync(new IrcMessage("CAP", "END"), cancellationToken);
                    break;
                case "FAIL" when p.Count >= 2 && p[0] is "REGISTER" or "*":
                    throw new AuthenticationFailedException($"{p[0]} {p[1]}: {p[^1]}");
                case Numerics.ERR_NICKNAMEINUSE or "432":
                    nick = nick.Length < 28 ? nick + "_" : nick[..27] + Random.Shared.Next(100);
                    await connection.SendAsync(new IrcMessage("NICK", nick), cancellationToken);
                    break;
                case Numerics.RPL_WELCOME:
                    return new Result(p.Count > 0 ? p[0] : nick, enabled, account);
                case "ERROR":
                    throw new IOException($"The server closed the link: {(p.Count > 0 ? p[^1] : "")}");
            }
        }
    }

    // After capability negotiation: log in with the token, or with the password (or create the account
    // with it), else end.
    private static Task FinishAsync(IrcConnection connection, ConnectionOptions options, string? bearer, HashSet<string> enabled, CancellationToken cancellationToken)
    {
        if (bearer is not null && enabled.Contains("sasl"))
        {
            return connection.SendAsync(new IrcMessage("AUTHENTICATE", "OAUTHBEARER"), cancellationToken);
        }

        if (options.Password is { Length: > 0 } password)
        {
            if (options.Register)
            {
                return connection.SendAsync(new IrcMessage("REGISTER", options.Account ?? options.Nick, "*", password), cancellationToken);
            }

            if (enabled.Contains("sasl"))
            {
                return connection.SendAsync(new IrcMessage("AUTHENTICATE", "PLAIN"), cancellationToken);
            }
        }

        return connection.SendAsync(new IrcMessage("CAP", "END"), cancellationToken);
    }
}
