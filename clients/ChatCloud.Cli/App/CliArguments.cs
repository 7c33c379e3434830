using System.Globalization;

namespace ChatCloud.Cli.App;

internal enum CliVerb
{
    Interactive,
    Send,
    Tail,
    Login,
    Logout,
    Help,
    Version,
}

// The command line: `chatcloud [send|tail] [options] [arguments]`. Options may come anywhere.
internal sealed record CliArguments
{
    public const string Usage = """
        chatcloud — ChatCloud in a terminal

        Usage:
          chatcloud [options]                              full-screen chat
          chatcloud send --room <#room|nick> [options] <text>
          chatcloud tail <#room> [--since <ISO time|msgid>] [--json] [options]
          chatcloud login [--issuer <url>]                  sign in in a browser (device code) and save the login
          chatcloud logout                                  revoke and forget the saved login

        Options:
          --host <name>       server (config "host"; default localhost)
          --port <port>       port (default 6697 with TLS, 6667 with --plain)
          --plain             no TLS
          --insecure          accept a certificate that does not validate (shows its SHA-256 fingerprint)
          --account <name>    account to sign in to (default: the nick)
          --nick <nick>       nick (default: the account)
          --register          create the account (REGISTER) instead of signing in
          --issuer <url>      the sign-in provider for login (config "issuer"; default http://<host>:8080
                              for a local host, else https://<host>)
          --help, -h          this text
          --version           the version

        With a saved login (chatcloud login) the client signs in with a token (SASL OAUTHBEARER) and
        asks for no password. Otherwise the password comes from CHATCLOUD_PASSWORD or a prompt that
        does not echo it; CHATCLOUD_PASSWORD, when set, wins over a saved login.
        Configuration: $XDG_CONFIG_HOME/chatcloud/config.json (~/.config/chatcloud/config.json).
        Exit codes: 0 ok, 1 unexpected error, 2 usage, 3 authentication failed, 4 connection failed,
        5 refused by the server.
        """;

    public CliVerb Verb { get; init; }

    public string? Host { get; init; }

    public int? Port { get; init; }

    public bool Plain { get; init; }

    public bool Insecure { get; init; }

    public string? Nick { get; init; }

    public string? Account { get; init; }

    public bool Register { get; init; }

    public string? Room { get; init; }

    public string? Text { get; init; }

    public string? Since { get; init; }

    public string? Issuer { get; init; }

    public bool Json { get; init; }

    // Parses, or says what is wrong in `error`.
    public static CliArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var result = new CliArguments();
        var positional = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string? Value()
            {
                if (i + 1 < args.Count)
                {
                    return args[++i];
                }

                return null;
            }

            switch (arg)
            {
                case "--help" or "-h":
                    return result with { Verb = CliVerb.Help };
                case "--version":
                    return result with { Verb = CliVerb.Version };
                case "--plain":
                    result = result with { Plain = true };
                    break;
                case "--insecure":
                    result = result with { Insecure = true };
                    break;
                case "--register":
                    result = result with { Register = true };
                    break;
                case "--json":
                    result = result with { Json = true };
                    break;
                case "--host" or "--nick" or "--account" or "--room" or "--since" or "--port" or "--issuer":
                    if (Value() is not { } value)
                    {
                        error = $"{arg} needs a value.";
                        return null;
                    }

                    if (arg == "--port")
                    {
                        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
                        {
                            error = $"--port takes a port number (1–65535), not '{value}'.";
                            return null;
                        }

                        result = result with { Port = port };
                    }
                    else
                    {
                        result = arg switch
                        {
                            "--host" => result with { Host = value },
                            "--nick" => result with { Nick = value },
                            "--account" => result with { Account = value },
                            "--room" => result with { Room = value },
                            "--issuer" => result with { Issuer = value },
                            _ => result with { Since = value },
                        };
                    }

                    break;
                case ['-', '-', ..]:
                    error = $"Unknown option {arg}; chatcloud --help lists them.";
                    return null;
                default:
                    positional.Add(arg);
                    break;
            }
        }

        return Verbed(result, positional, out error);
    }

    private static CliArguments? Verbed(CliArguments result, List<string> positional, out string? error)
    {
        error = null;
        switch (positional.FirstOrDefault())
        {
            case null:
                return result;
            case "send" when result.Room is null:
                error = "send needs --room <#room|nick>.";
                return null;
            case "send" when positional.Count < 2:
                error = "send needs the text to send.";
                return null;
            case "send":
                return result with { Verb = CliVerb.Send, Text = string.Join(' ', positional.Skip(1)) };
            case "tail" when positional.Count != 2 || !positional[1].StartsWith('#'):
                error = "tail takes one room: chatcloud tail '#room'.";
                return null;
            case "tail":
                return result with { Verb = CliVerb.Tail, Room = positional[1] };
            case "login" or "logout" when positional.Count > 1:
                error = $"{positional[0]} takes no arguments.";
                return null;
            case "login":
                return result with { Verb = CliVerb.Login };
            case "logout":
                return result with { Verb = CliVerb.Logout };
            default:
                error = $"Unknown command '{positional[0]}'; chatcloud --help lists them.";
                return null;
        }
    }
}
