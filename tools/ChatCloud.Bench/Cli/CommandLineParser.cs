using System.Globalization;

namespace ChatCloud.Bench.Cli;

// `<scenario> [--option value | --option=value | --flag]...`. Returns an error text instead of throwing,
// so Program can print it above the usage. Scenario-dependent defaults are applied after parsing, to
// the options the user did not give.
public static partial class CommandLineParser
{
    public static (BenchOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            options.ShowHelp = true;
            return (options, null);
        }

        Scenario? scenario = args[0] switch
        {
            "connect" => Scenario.Connect,
            "fanout" => Scenario.Fanout,
            "rooms" => Scenario.Rooms,
            "ramp" => Scenario.Ramp,
            _ => null,
        };
        if (scenario is null)
        {
            return (null, $"unknown scenario '{args[0]}' (connect, fanout, rooms or ramp)");
        }

        options.Scenario = scenario.Value;
        var given = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 1; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) && arg is not "-h")
            {
                return (null, $"unexpected argument '{arg}'");
            }

            string name = arg;
            string? inlineValue = null;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = arg[..equals];
                inlineValue = arg[(equals + 1)..];
            }

            if (name == "--compare")
            {
                var error = ParseCompare(args, ref i, inlineValue, options);
                if (error is not null)
                {
                    return (null, error);
                }

                given.Add(name);
                continue;
            }

            string? value = inlineValue;
            if (value is null && TakesValue(name))
            {
                if (i + 1 >= args.Count)
                {
                    return (null, $"{name} needs a value");
                }

                value = args[++i];
            }

            var applyError = Apply(options, name, value);
            if (applyError is not null)
            {
                return (null, applyError);
            }

            given.Add(name);
        }

        if (options.ShowHelp)
        {
            return (options, null);
        }

        ApplyScenarioDefaults(options, given);
        return Validate(options, given) is { } invalid ? (null, invalid) : (options, null);
    }

    // name=host:port, one per argument, until the next option.
    private static string? ParseCompare(IReadOnlyList<string> args, ref int i, string? inlineValue, BenchOptions options)
    {
        var specs = new List<string>();
        if (inlineValue is not null)
        {
            specs.Add(inlineValue);
        }

        while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            specs.Add(args[++i]);
        }

        if (specs.Count == 0)
        {
            return "--compare needs at least one name=host:port";
        }

        foreach (string spec in specs)
        {
            if (!TryParseTarget(spec, out var target))
            {
                return $"--compare: '{spec}' is not name=host:port";
            }

            if (options.Targets.Any(t => string.Equals(t.Name, target.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return $"--compare: the name '{target.Name}' is used twice";
            }

            options.Targets.Add(target);
        }

        return null;
    }

    public static bool TryParseTarget(string spec, out BenchTarget target)
    {
        target = null!;
        int equals = spec.IndexOf('=', StringComparison.Ordinal);
        int colon = spec.LastIndexOf(':');
        if (equals <= 0 || colon <= equals + 1)
        {
            return false;
        }

        string name = spec[..equals];
        string host = spec[(equals + 1)..colon];
        if (!TryParsePort(spec[(colon + 1)..], out int port) || name.Any(char.IsWhiteSpace))
        {
            return false;
        }

        target = new BenchTarget(name, host, port);
        return true;
    }

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;
}
