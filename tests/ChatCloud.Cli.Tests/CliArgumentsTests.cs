using ChatCloud.Cli.App;
using ChatCloud.Cli.Scripting;

namespace ChatCloud.Cli.Tests;

public sealed class CliArgumentsTests
{
    [Fact]
    public void Send_and_tail_take_their_arguments_and_options_anywhere()
    {
        var send = CliArguments.Parse(["send", "--room", "#ops", "--host", "h", "deploy", "done"], out _)!;
        Assert.Equal((CliVerb.Send, "#ops", "deploy done", "h"), (send.Verb, send.Room, send.Text, send.Host));

        var tail = CliArguments.Parse(["--plain", "tail", "#ops", "--since", "2026-11-25T10:00:00Z", "--json"], out _)!;
        Assert.Equal((CliVerb.Tail, "#ops", "2026-11-25T10:00:00Z", true, true), (tail.Verb, tail.Room, tail.Since, tail.Json, tail.Plain));
        Assert.Equal(CliVerb.Interactive, CliArguments.Parse([], out _)!.Verb);
        Assert.Equal(CliVerb.Help, CliArguments.Parse(["send", "--help"], out _)!.Verb);
        Assert.Equal(CliVerb.Version, CliArguments.Parse(["--version"], out _)!.Verb);
    }

    [Theory]
    [InlineData("send hello", "send needs --room")]
    [InlineData("send --room #ops", "send needs the text")]
    [InlineData("tail", "tail takes one room")]
    [InlineData("tail ops", "tail takes one room")]
    [InlineData("--port 70000", "--port takes a port number")]
    [InlineData("--host", "--host needs a value")]
    [InlineData("--frob", "Unknown option --frob")]
    [InlineData("dance", "Unknown command 'dance'")]
    [InlineData("login now", "login takes no arguments")]
    public void Bad_command_lines_say_what_is_wrong(string line, string expected)
    {
        Assert.Null(CliArguments.Parse(line.Split(' '), out string? error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Login_finds_its_provider_from_the_option_the_file_or_the_host()
    {
        var login = CliArguments.Parse(["login", "--issuer", "http://gw.test:8080"], out _)!;
        Assert.Equal((CliVerb.Login, "http://gw.test:8080"), (login.Verb, login.Issuer));
        Assert.Equal(CliVerb.Logout, CliArguments.Parse(["logout"], out _)!.Verb);

        Assert.Equal("http://gw.test:8080/", Launcher.IssuerOf(login, new ClientConfig(), out _)!.AbsoluteUri);
        Assert.Equal("https://id.example/", Launcher.IssuerOf(new CliArguments(), new ClientConfig { Issuer = "https://id.example" }, out _)!.AbsoluteUri);
        Assert.Equal("http://localhost:8080/", Launcher.IssuerOf(new CliArguments(), new ClientConfig(), out _)!.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:8080/", Launcher.IssuerOf(new CliArguments { Host = "127.0.0.1" }, new ClientConfig(), out _)!.AbsoluteUri);
        Assert.Equal("https://chat.example/", Launcher.IssuerOf(new CliArguments { Host = "chat.example" }, new ClientConfig(), out _)!.AbsoluteUri);
        Assert.Null(Launcher.IssuerOf(new CliArguments { Issuer = "ftp://x" }, new ClientConfig(), out string? error));
        Assert.Contains("http or https", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_line_wins_over_the_file_and_TLS_on_6697_is_the_default()
    {
        var config = new ClientConfig { Host = "chat.example", Account = "alice", Port = 7000 };

        var fromFile = Launcher.Options(CliArguments.Parse([], out _)!, config, out _)!;
        Assert.Equal(("chat.example", 7000, true, "alice", "alice"), (fromFile.Host, fromFile.Port, fromFile.Tls, fromFile.Account, fromFile.Nick));

        var plain = Launcher.Options(CliArguments.Parse(["--plain", "--nick", "al"], out _)!, config, out _)!;
        Assert.Equal((6667, false, "al"), (plain.Port, plain.Tls, plain.Nick));

        var defaults = Launcher.Options(CliArguments.Parse(["--account", "bob"], out _)!, new ClientConfig(), out _)!;
        Assert.Equal(("localhost", 6697, true), (defaults.Host, defaults.Port, defaults.Tls));

        Assert.Null(Launcher.Options(CliArguments.Parse([], out _)!, new ClientConfig(), out string? error));
        Assert.Contains("--account", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-25T10:00:00Z", "timestamp=2026-11-25T10:00:00.000Z")]
    [InlineData("2026-11-25T11:00:00+01:00", "timestamp=2026-11-25T10:00:00.000Z")]
    [InlineData("01jabcdefghjkmnpqrstvwxyz0", "msgid=01jabcdefghjkmnpqrstvwxyz0")]
    [InlineData("not a reference", null)]
    public void Since_is_a_time_or_a_msgid(string since, string? expected) =>
        Assert.Equal(expected, TailCommand.Reference(since));

    [Fact]
    public void The_configuration_file_round_trips_and_holds_no_password()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("chatcloud-config-").FullName, "chatcloud", "config.json");
        new ClientConfig { Host = "h", Port = 6697, Tls = true, Account = "alice", Theme = "dark" }.Save(path);

        var loaded = ClientConfig.Load(path);
        Assert.Equal(("h", 6697, "alice", "dark"), (loaded.Host, loaded.Port, loaded.Account, loaded.Theme));
        Assert.DoesNotContain("password", File.ReadAllText(path), StringComparison.OrdinalIgnoreCase);
        File.WriteAllText(path, "{ not json");
        Assert.Throws<InvalidOperationException>(() => ClientConfig.Load(path));
    }
}
