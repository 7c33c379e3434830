using System.Reflection;
using ChatCloud.Cli.Irc;
using ChatCloud.Cli.Scripting;
using ChatCloud.Cli.Tui;

namespace ChatCloud.Cli.App;

// From the command line and the configuration file to a running mode, and from failures to exit codes.
internal static class Launcher
{
    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = CliArguments.Parse(args, out string? error);
        if (arguments is null)
        {
            await Console.Error.WriteLineAsync($"chatcloud: {error}");
            return ExitCodes.Usage;
        }

        switch (arguments.Verb)
        {
            case CliVerb.Help:
                Console.WriteLine(CliArguments.Usage);
                return ExitCodes.Ok;
            case CliVerb.Version:
                Console.WriteLine($"chatcloud {Version}");
                return ExitCodes.Ok;
        }

        ClientConfig config;
        try
        {
            config = ClientConfig.Load(ClientConfig.DefaultPath);
        }
        catch (InvalidOperationException exception)
        {
            await Console.Error.WriteLineAsync($"chatcloud: {exception.Message}");
            return ExitCodes.Usage;
        }

        var options = Options(arguments, config, out error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"chatcloud: {error}");
            return ExitCodes.Usage;
        }

        string? password = PasswordSource.Get(options.Account ?? options.Nick);
        if (string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync($"chatcloud: no password: set {PasswordSource.EnvironmentVariable} or run in a terminal.");
            return ExitCodes.AuthenticationFailed;
        }

        options = options with { Password = password };
        return arguments.Verb switch
        {
            CliVerb.Send => await SendCommand.RunAsync(options, arguments.Room!, arguments.Text!),
            CliVerb.Tail => await TailCommand.RunAsync(options, arguments.Room!, arguments.Since, arguments.Json),
            _ => await ChatApp.RunAsync(options, config, saveTo: ClientConfig.DefaultPath),
        };
    }

    public static string Version =>
        typeof(Launcher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    // Command line first, then the file, then defaults. Without a nick or an account there is no one to be.
    internal static ConnectionOptions? Options(CliArguments arguments, ClientConfig config, out string? error)
    {
        error = null;
        bool tls = !arguments.Plain && (config.Tls ?? true);
        string? account = arguments.Account ?? config.Account ?? arguments.Nick ?? config.Nick;
        string? nick = arguments.Nick ?? config.Nick ?? account;
        if (nick is null)
        {
            error = "who are you? Give --account <name> (or set \"account\" in the configuration file).";
            return null;
        }

        return new ConnectionOptions
        {
            Host = arguments.Host ?? config.Host ?? "localhost",
            Port = arguments.Port ?? (arguments.Plain ? null : config.Port) ?? (tls ? ConnectionOptions.TlsPort : ConnectionOptions.PlainPort),
            Tls = tls,
            Insecure = arguments.Insecure,
            Nick = nick,
            Account = account,
            Register = arguments.Register,
        };
    }

    // Failures of the first connection, as exit codes and one line for the user.
    public static int ExitCodeOf(Exception exception) => exception switch
    {
        AuthenticationFailedException => ExitCodes.AuthenticationFailed,
        IOException or System.Net.Sockets.SocketException or TimeoutException or System.Security.Authentication.AuthenticationException => ExitCodes.ConnectionFailed,
        _ => ExitCodes.Unexpected,
    };
}
