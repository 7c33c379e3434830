using ChatCloud.Bench.Cli;

namespace ChatCloud.Bench.Tests;

public sealed class CommandLineParserTests
{
    private static BenchOptions Parse(params string[] args)
    {
        var (options, error) = CommandLineParser.Parse(args);
        Assert.Null(error);
        return options!;
    }

    private static string Error(params string[] args)
    {
        var (options, error) = CommandLineParser.Parse(args);
        Assert.Null(options);
        return error!;
    }

    [Fact]
    public void Fanout_defaults_are_the_documented_run()
    {
        var o = Parse("fanout");

        Assert.Equal(Scenario.Fanout, o.Scenario);
        Assert.Equal((200, 10, 500.0, 10.0, 1), (o.Clients, o.Senders, o.Rate, o.Duration, o.Rooms));
        Assert.Equal(new BenchTarget("127.0.0.1:6667", "127.0.0.1", 6667), Assert.Single(o.Targets));
        Assert.False(o.Tls);
    }

    [Fact]
    public void Ramp_starts_at_400_msg_per_second_in_5_second_steps_unless_told()
    {
        var o = Parse("ramp");
        Assert.Equal((400.0, 5.0, 100.0, 1), (o.Rate, o.Duration, o.P99BoundMs, o.StepRetries));

        var told = Parse("ramp", "--rate", "1000", "--duration=2", "--p99-bound", "50");
        Assert.Equal((1000.0, 2.0, 50.0), (told.Rate, told.Duration, told.P99BoundMs));
    }

    [Fact]
    public void Rooms_spreads_over_10_rooms_unless_told() =>
        Assert.Equal((10, 3), (Parse("rooms").Rooms, Parse("rooms", "--rooms", "3").Rooms));

    [Fact]
    public void Every_option_is_read()
    {
        var o = Parse(
            "connect", "--host", "localhost", "--port", "16668", "--tls", "--clients", "1000", "--nick-prefix", "ld",
            "--json", "out/r.json", "--sasl", "u{i}:p w", "--server-pid", "42", "--drain", "1.5", "--timeout", "20",
            "--connect-rate", "500", "--connect-concurrency", "8", "--max-rate", "9000", "--allow-remote", "--step-retries", "0");

        Assert.Equal(("localhost", 16668, true, 1000, "ld"), (o.Host, o.Port, o.Tls, o.Clients, o.NickPrefix));
        Assert.Equal(("out/r.json", "u{i}:p w", 42), (o.JsonPath, o.Sasl, o.ServerPid!.Value));
        Assert.Equal((1.5, 20.0, 500.0, 8, 9000.0, true), (o.Drain, o.Timeout, o.ConnectRate, o.ConnectConcurrency, o.MaxRate, o.AllowRemote));
        Assert.Equal(0, o.StepRetries);
        Assert.Equal("localhost", o.Targets[0].Host);
    }

    [Fact]
    public void Compare_takes_every_target_up_to_the_next_option()
    {
        var o = Parse("fanout", "--compare", "chatcloud=127.0.0.1:6667", "inspircd=127.0.0.1:16668", "--clients", "50");

        Assert.Equal(
            [new BenchTarget("chatcloud", "127.0.0.1", 6667), new BenchTarget("inspircd", "127.0.0.1", 16668)],
            o.Targets);
        Assert.Equal(50, o.Clients);
    }

    [Fact]
    public void Compare_accepts_an_inline_first_target()
    {
        var o = Parse("connect", "--compare=a=127.0.0.1:1", "b=localhost:2");

        Assert.Equal(["a", "b"], o.Targets.Select(t => t.Name));
    }

    [Fact]
    public void The_default_senders_shrink_to_a_small_fleet() => Assert.Equal(4, Parse("fanout", "--clients", "4").Senders);

    [Fact]
    public void Help_is_shown_for_no_arguments_and_for_help()
    {
        Assert.True(Parse().ShowHelp);
        Assert.True(Parse("--help").ShowHelp);
        Assert.True(Parse("fanout", "-h").ShowHelp);
    }

    [Theory]
    [InlineData("flood")]
    [InlineData("1")]
    [InlineData("Connect, Fanout")]
    public void An_unknown_scenario_is_refused(string scenario) =>
        Assert.Contains("unknown scenario", Error(scenario), StringComparison.Ordinal);

    [Theory]
    [InlineData("--port", "0")]
    [InlineData("--port", "70000")]
    [InlineData("--clients", "0")]
    [InlineData("--clients", "-3")]
    [InlineData("--clients", "ten")]
    [InlineData("--rate", "0")]
    [InlineData("--rate", "1e3")]
    [InlineData("--duration", "0")]
    [InlineData("--nick-prefix", "9lives")]
    [InlineData("--nick-prefix", "has space")]
    [InlineData("--sasl", "nocolon")]
    [InlineData("--sasl", ":pass")]
    [InlineData("--server-pid", "0")]
    public void A_bad_value_names_its_option(string option, string value) =>
        Assert.StartsWith(option, Error("fanout", option, value), StringComparison.Ordinal);

    [Theory]
    [InlineData("fanout --clients")]
    [InlineData("fanout --bogus 1")]
    [InlineData("fanout stray")]
    [InlineData("fanout --tls=yes")]
    [InlineData("fanout --compare")]
    [InlineData("fanout --compare a=127.0.0.1")]
    [InlineData("fanout --compare a=127.0.0.1:1 a=127.0.0.1:2")]
    [InlineData("fanout --compare a=127.0.0.1:1 --port 5")]
    [InlineData("fanout --compare a=127.0.0.1:1 --server-pid 5")]
    [InlineData("fanout --rooms 3")]
    [InlineData("ramp --rooms 2")]
    [InlineData("fanout --clients 1")]
    [InlineData("fanout --clients 5 --senders 6")]
    [InlineData("rooms --clients 5 --rooms 6")]
    [InlineData("ramp --rate 1000 --max-rate 500")]
    public void Inconsistent_command_lines_are_refused(string line) =>
        Assert.NotEmpty(Error(line.Split(' ')));

    [Fact]
    public void Connect_needs_no_senders() => Assert.Equal(1, Parse("connect", "--clients", "1").Clients);

    [Theory]
    [InlineData("chatcloud=127.0.0.1:6667", "chatcloud", "127.0.0.1", 6667)]
    [InlineData("v6=::1:6667", "v6", "::1", 6667)]
    [InlineData("local=localhost:16668", "local", "localhost", 16668)]
    public void Targets_are_name_equals_host_colon_port(string spec, string name, string host, int port)
    {
        Assert.True(CommandLineParser.TryParseTarget(spec, out var target));
        Assert.Equal(new BenchTarget(name, host, port), target);
    }
}
