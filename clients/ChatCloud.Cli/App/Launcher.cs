using System.Reflection;
using ChatCloud.Cli.Irc;
using ChatCloud.Cli.Login;
using ChatCloud.Cli.Recommendations;
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

        if (arguments.Verb is CliVerb.Login or CliVerb.Logout)
        {
            if (arguments.Verb == CliVerb.Logout)
            {
                return await LoginCommand.LogoutAsync(SavedLogin.DefaultPath);
            }

            return IssuerOf(arguments, config, out error) is { } issuer
                ? await LoginCommand.LoginAsync(issuer, SavedLogin.DefaultPath)
                : await UsageAsync(error);
        }

        SavedLogin? saved;
        try
        {
            saved = SavedLogin.Load(SavedLogin.DefaultPath);
        }
        catch (InvalidOperationException exception)
        {
            return await UsageAsync(exception.Message);
        }

        // A saved login signs in unless the user asked for something else: an account of their own,
        // a new account, or a password in the environment.
        string? asked = arguments.Account ?? config.Account;
        bool useSaved = saved is not null && !arguments.Register
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PasswordSource.EnvironmentVariable))
            && (asked is null || string.Equals(asked, saved.Account, StringComparison.OrdinalIgnoreCase));
        var options = Options(arguments, useSaved ? config with { Account = saved!.Account } : config, out error);
        if (options is null)
        {
            return await UsageAsync(error);
        }

        using var http = IdentityProvider.CreateHttpClient();
        using var tokens = useSaved ? new SavedLoginTokens(new IdentityProvider(http, saved!.IssuerUri, TimeProvider.System), SavedLogin.DefaultPath, TimeProvider.System) : null;
        if (tokens is not null)
        {
            options = options with { Account = saved!.Account, Tokens = tokens };
        }
        else
        {
            string? password = PasswordSource.Get(options.Account ?? options.Nick);
            if (string.IsNullOrEmpty(password))
            {
                await Console.Error.WriteLineAsync($"chatcloud: no password: set {PasswordSource.EnvironmentVariable}, run in a terminal, or chatcloud login.");
                return ExitCodes.AuthenticationFailed;
            }

            options = options with { Password = password };
        }

        return arguments.Verb switch
        {
            CliVerb.Send => await SendCommand.RunAsync(options, arguments.Room!, arguments.Text!),
            CliVerb.Tail => await TailCommand.RunAsync(options, arguments.Room!, arguments.Since, arguments.Json),
            // /suggest asks the gateway (the saved login's issuer) with the same tokens; a password sign-in has none.
            _ => await ChatApp.RunAsync(options, config, saveTo: ClientConfig.DefaultPath,
                tokens is null ? null : new RecommendationsClient(http, saved!.IssuerUri, tokens)),
        };
    }

    private static async Task<int> UsageAsync(string? error)
    {
        await Console.Error.WriteLineAsync($"chatcloud: {error}");
        return ExitCodes.Usage;
    }

    // --issuer, else the configuration's, else the gateway of a local suite or https://<host>.
    internal static Uri? IssuerOf(CliArguments arguments, ClientConfig config, out string? error)
    {
        error = null;
        string host = arguments.Host ?? config.Host ?? "localhost";
        string text = arguments.Issuer ?? config.Issuer
            ?? (host is "localhost" || System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address)
                ? $"http://{host}:8080/"
                : $"https://{host}/");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var issuer) || issuer.Scheme is not ("http" or "https"))
        {
            error = $"--issuer takes an http or https address, not '{text}'.";
            return null;
        }

        return new Uri(issuer.AbsoluteUri.TrimEnd('/') + "/");
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
