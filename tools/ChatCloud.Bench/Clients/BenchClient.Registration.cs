using System.Diagnostics;
using System.Text;
using ChatCloud.Irc;

namespace ChatCloud.Bench.Clients;

// Registration as the servers differ in it: wait for 001 however long the server takes (InspIRCd
// registers on a once-a-second timer), pick another nick on 433, SASL PLAIN when asked, answer PING in
// every state, and ignore numerics we have no use for.
public sealed partial class BenchClient
{
    private const int MaxNickAttempts = 5;

    // Replies that refuse a JOIN (RFC 2812 §3.2.1, plus 421/451 from a server without rooms).
    private static readonly HashSet<string> JoinRefusals = new(StringComparer.Ordinal)
    {
        Numerics.ERR_NOSUCHCHANNEL, Numerics.ERR_TOOMANYCHANNELS, Numerics.ERR_CHANNELISFULL,
        Numerics.ERR_INVITEONLYCHAN, Numerics.ERR_BANNEDFROMCHAN, Numerics.ERR_BADCHANNELKEY,
        Numerics.ERR_BADCHANMASK, Numerics.ERR_NEEDMOREPARAMS, Numerics.ERR_UNKNOWNCOMMAND,
        Numerics.ERR_NOTREGISTERED, "477", "479",
    };

    private static readonly HashSet<string> SaslFailures = new(StringComparer.Ordinal)
    {
        Numerics.ERR_NICKLOCKED, Numerics.ERR_SASLFAIL, Numerics.ERR_SASLTOOLONG, Numerics.ERR_SASLABORTED,
    };

    private int _nickAttempts;

    private void Handle(in IrcMessage message)
    {
        var p = message.Parameters;
        switch (message.Command)
        {
            case "PING":
                Send(new IrcMessage("PONG", p));
                break;
            case "ERROR":
                Fail(ClientState.Failed, "ERROR " + Shorten(p.Count > 0 ? p[^1] : ""));
                break;
            case Numerics.RPL_WELCOME when _state == ClientState.Registering:
                OnWelcome(p);
                break;
            case Numerics.ERR_NICKNAMEINUSE or Numerics.ERR_NICKCOLLISION when _state == ClientState.Registering:
                RetryNick(message.Command);
                break;
            case Numerics.ERR_ERRONEUSNICKNAME when _state == ClientState.Registering:
                Fail(ClientState.Failed, "432 erroneous nickname (try another --nick-prefix)");
                break;
            case Numerics.ERR_PASSWDMISMATCH or Numerics.ERR_YOUREBANNEDCREEP:
                Fail(ClientState.Failed, message.Command + " " + Shorten(p.Count > 0 ? p[^1] : ""));
                break;
            case "CAP" or "AUTHENTICATE" or Numerics.RPL_SASLSUCCESS:
                HandleSasl(message);
                break;
            case var failure when SaslFailures.Contains(failure):
                Fail(ClientState.Failed, "SASL " + failure + " (authentication failed)");
                break;
            case "JOIN" when _state == ClientState.Registered && IsFromMe(message) && p.Count > 0
                && string.Equals(p[0], Room, StringComparison.OrdinalIgnoreCase):
                JoinedTimestamp = Stopwatch.GetTimestamp();
                _state = ClientState.Joined;
                _settled.TrySetResult();
                break;
            case var refusal when _state == ClientState.Registered && JoinRefusals.Contains(refusal) && RefersToJoin(p):
                Fail(ClientState.JoinRefused, "JOIN refused: " + refusal + " " + Shorten(p.Count > 0 ? p[^1] : ""));
                break;
        }
    }

    private void OnWelcome(IReadOnlyList<string> p)
    {
        RegisteredTimestamp = Stopwatch.GetTimestamp();
        if (p.Count > 0)
        {
            // The server's word on our nick: it may have cut it to its NICKLEN.
            Nick = p[0];
        }

        _state = ClientState.Registered;
        Send(new IrcMessage("JOIN", Room));
    }

    private void RetryNick(string numeric)
    {
        if (++_nickAttempts >= MaxNickAttempts)
        {
            Fail(ClientState.Failed, $"{numeric} nickname in use {MaxNickAttempts} times");
            return;
        }

        Nick = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{settings.NickPrefix}{Index}_{settings.RunId[.._nickAttempts]}");
        Send(new IrcMessage("NICK", Nick));
    }

    private void HandleSasl(in IrcMessage message)
    {
        var p = message.Parameters;
        if (settings.Sasl is not { } sasl || _state != ClientState.Registering)
        {
            return;
        }

        switch (message.Command)
        {
            case "CAP" when p.Count >= 3 && p[1] == "ACK" && HasWord(p[^1], "sasl"):
                Send(new IrcMessage("AUTHENTICATE", "PLAIN"));
                break;
            case "CAP" when p.Count >= 3 && p[1] == "NAK":
                Fail(ClientState.Failed, "SASL not offered (CAP NAK sasl)");
                break;
            case "AUTHENTICATE" when p.Count > 0 && p[0] == "+":
                Send(new IrcMessage("AUTHENTICATE", PlainResponse(sasl.For(Index))));
                break;
            case Numerics.RPL_SASLSUCCESS:
                Send(new IrcMessage("CAP", "END"));
                break;
        }
    }

    // RFC 4616: authzid NUL authcid NUL passwd, empty authzid; base64 for AUTHENTICATE (sasl-3.1). A
    // response of 400 bytes or more would have to be split, which credentials of bench accounts never need.
    private static string PlainResponse(SaslCredentials credentials) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{credentials.User}\0{credentials.Password}"));

    private bool IsFromMe(in IrcMessage message)
    {
        var source = message.Source.AsSpan();
        int bang = source.IndexOf('!');
        var nick = bang < 0 ? source : source[..bang];
        return nick.Equals(Nick, StringComparison.OrdinalIgnoreCase);
    }

    // 421 and 461 name the command; the channel errors name the channel.
    private bool RefersToJoin(IReadOnlyList<string> p) =>
        p.Count < 3 || string.Equals(p[1], "JOIN", StringComparison.OrdinalIgnoreCase)
        || string.Equals(p[1], Room, StringComparison.OrdinalIgnoreCase);

    private static bool HasWord(string list, string word) =>
        list.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(word, StringComparer.OrdinalIgnoreCase);

    // Server text in failure reasons, cut so that reasons group in a table.
    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
