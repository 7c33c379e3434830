using System.Globalization;

namespace ChatCloud.Bench.Cli;

// The option table: what each option sets, scenario defaults, and the checks across options.
public static partial class CommandLineParser
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "--tls", "--allow-remote", "--help", "-h" };

    private static bool TakesValue(string name) => !Flags.Contains(name);

    private static string? Apply(BenchOptions o, string name, string? value)
    {
        if (Flags.Contains(name))
        {
            if (value is not null)
            {
                return $"{name} takes no value";
            }

            switch (name)
            {
                case "--tls": o.Tls = true; break;
                case "--allow-remote": o.AllowRemote = true; break;
                default: o.ShowHelp = true; break;
            }

            return null;
        }

        string v = value!;
        return name switch
        {
            "--host" => Set(() => o.Host = v, v.Length > 0, name, "a host"),
            "--port" => Set(() => o.Port = Port(v), TryParsePort(v, out _), name, "a port 1-65535"),
            "--clients" => Int(v, 1, 100_000, name, x => o.Clients = x),
            "--senders" => Int(v, 1, 100_000, name, x => o.Senders = x),
            "--rooms" => Int(v, 1, 100_000, name, x => o.Rooms = x),
            "--rate" => Number(v, 0.001, 10_000_000, name, x => o.Rate = x),
            "--duration" => Number(v, 0.1, 3_600, name, x => o.Duration = x),
            "--drain" => Number(v, 0, 600, name, x => o.Drain = x),
            "--timeout" => Number(v, 1, 3_600, name, x => o.Timeout = x),
            "--p99-bound" => Number(v, 0.001, 600_000, name, x => o.P99BoundMs = x),
            "--max-rate" => Number(v, 0.001, 10_000_000, name, x => o.MaxRate = x),
            "--connect-rate" => Number(v, 1, 1_000_000, name, x => o.ConnectRate = x),
            "--connect-concurrency" => Int(v, 1, 100_000, name, x => o.ConnectConcurrency = x),
            "--step-retries" => Int(v, 0, 10, name, x => o.StepRetries = x),
            "--server-pid" => Int(v, 1, int.MaxValue, name, x => o.ServerPid = x),
            "--nick-prefix" => Set(() => o.NickPrefix = v, IsNickPrefix(v), name, "letters, digits or _-[]\\`^{}| not starting with a digit or '-', at most 16"),
            "--json" => Set(() => o.JsonPath = v, v.Length > 0, name, "a file path"),
            "--sasl" => Set(() => o.Sasl = v, v.IndexOf(':', StringComparison.Ordinal) > 0, name, "user:pass"),
            _ => $"unknown option {name}",
        };
    }

    private static void ApplyScenarioDefaults(BenchOptions o, HashSet<string> given)
    {
        if (o.Scenario == Scenario.Rooms && !given.Contains("--rooms"))
        {
            o.Rooms = 10;
        }

        if (o.Scenario == Scenario.Ramp)
        {
            // Doubling from 400 msg/s in 5 s steps reaches the peers' 6,400 msg/s in five steps, under a minute.
            if (!given.Contains("--rate"))
            {
                o.Rate = 400;
            }

            if (!given.Contains("--duration"))
            {
                o.Duration = 5;
            }
        }

        // The default of 10 senders shrinks to fit a small run rather than failing it.
        if (!given.Contains("--senders"))
        {
            o.Senders = Math.Min(o.Senders, o.Clients);
        }

        if (o.Targets.Count == 0)
        {
            o.Targets.Add(new BenchTarget($"{o.Host}:{o.Port.ToString(CultureInfo.InvariantCulture)}", o.Host, o.Port));
        }
    }

    private static string? Validate(BenchOptions o, HashSet<string> given)
    {
        if (given.Contains("--compare") && (given.Contains("--host") || given.Contains("--port")))
        {
            return "--compare names every target; leave out --host and --port";
        }

        if (given.Contains("--compare") && given.Contains("--server-pid"))
        {
            return "--server-pid names one server; with --compare each server is found by its listening port";
        }

        if (o.Scenario is Scenario.Fanout or Scenario.Ramp && o.Rooms != 1)
        {
            return $"{o.Scenario.ToString().ToLowerInvariant()} uses one room; use the rooms scenario for --rooms";
        }

        if (o.Scenario != Scenario.Connect && o.Clients < 2)
        {
            return "a message scenario needs at least 2 clients";
        }

        if (o.Scenario != Scenario.Connect && o.Senders > o.Clients)
        {
            return $"--senders ({o.Senders}) is more than --clients ({o.Clients})";
        }

        if (o.Rooms > o.Clients)
        {
            return $"--rooms ({o.Rooms}) is more than --clients ({o.Clients})";
        }

        if (o.Scenario == Scenario.Ramp && o.Rate > o.MaxRate)
        {
            return $"--rate ({o.Rate}) is above --max-rate ({o.MaxRate})";
        }

        return null;
    }

    private static bool IsNickPrefix(string v) =>
        v.Length is > 0 and <= 16 && !char.IsAsciiDigit(v[0]) && v[0] != '-'
        && v.All(c => char.IsAsciiLetterOrDigit(c) || "_-[]\\`^{}|".Contains(c, StringComparison.Ordinal));

    private static int Port(string v) => int.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string? Set(Action set, bool valid, string name, string expected)
    {
        if (!valid)
        {
            return $"{name} needs {expected}";
        }

        set();
        return null;
    }

    private static string? Int(string v, int min, int max, string name, Action<int> set)
    {
        if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int x) || x < min || x > max)
        {
            return $"{name} needs a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";
        }

        set(x);
        return null;
    }

    private static string? Number(string v, double min, double max, string name, Action<double> set)
    {
        if (!double.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double x) || x < min || x > max)
        {
            return $"{name} needs a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";
        }

        set(x);
        return null;
    }
}
