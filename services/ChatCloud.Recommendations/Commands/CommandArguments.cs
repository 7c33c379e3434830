using System.Globalization;

namespace ChatCloud.Recommendations.Commands;

/// <summary><c>--name value</c> pairs after the command word; unknown or malformed options are errors, never ignored.</summary>
public sealed class CommandArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public CommandArguments(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var list = args.ToList();
        for (var i = 0; i < list.Count; i += 2)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= list.Count)
            {
                throw new ArgumentException($"expected --option value, found '{list[i]}'");
            }
            _values[list[i][2..]] = list[i + 1];
        }
    }

    public string? Text(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public int WholeNumber(string name, int fallback)
    {
        var text = Text(name);
        return text is null ? fallback
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
            : throw new ArgumentException($"--{name} takes a whole number, not '{text}'");
    }

    public double Number(string name, double fallback)
    {
        var text = Text(name);
        return text is null ? fallback
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
            : throw new ArgumentException($"--{name} takes a number, not '{text}'");
    }

    /// <summary>Call after reading every option: an option nobody asked for is a typo.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown option(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
        }
    }
}
