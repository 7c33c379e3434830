using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ChatCloud.Irc;

// One IRC message: tags, optional source (the prefix, without ':'), command and parameters.
// A value type so that a failed TryParse can hand back `default` without a null; `default` has an
// empty command, no source, no tags and no parameters, and the writer refuses it.
public readonly struct IrcMessage : IEquatable<IrcMessage>
{
    private readonly IReadOnlyList<IrcTag>? _tags;
    private readonly string? _source;
    private readonly string? _command;
    private readonly IReadOnlyList<string>? _parameters;

    public IrcMessage(string command, params IReadOnlyList<string> parameters)
        : this(null, command, parameters)
    {
    }

    // An empty source is the same as none: both are written without a prefix.
    public IrcMessage(string? source, string command, IReadOnlyList<string> parameters, IReadOnlyList<IrcTag>? tags = null)
    {
        _source = string.IsNullOrEmpty(source) ? null : source;
        _command = command;
        _parameters = parameters;
        _tags = tags;
    }

    // In order of appearance; the parser keeps one entry per key (the last value wins).
    public IReadOnlyList<IrcTag> Tags => _tags ?? [];

    public string? Source => _source;

    // Upper-case letters or a 3-digit numeric when parsed.
    public string Command => _command ?? string.Empty;

    public IReadOnlyList<string> Parameters => _parameters ?? [];

    public IrcMessage WithSource(string? source) => new(source, Command, Parameters, _tags);

    public IrcMessage WithTags(IReadOnlyList<IrcTag>? tags) => new(_source, Command, Parameters, tags);

    // IRCv3: "Clients receiving messages with more than one occurrence of a tag key SHOULD discard all
    // but the final occurrence", so a hand-built message with duplicates answers with the last one.
    public bool TryGetTag(string key, [MaybeNullWhen(false)] out string value)
    {
        var tags = Tags;
        for (int i = tags.Count - 1; i >= 0; i--)
        {
            if (string.Equals(tags[i].Key, key, StringComparison.Ordinal))
            {
                value = tags[i].Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    public bool Equals(IrcMessage other) =>
        string.Equals(Command, other.Command, StringComparison.Ordinal)
        && string.Equals(Source, other.Source, StringComparison.Ordinal)
        && SequenceEqual(Parameters, other.Parameters)
        && SequenceEqual(Tags, other.Tags);

    public override bool Equals(object? obj) => obj is IrcMessage other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Command, StringComparer.Ordinal);
        hash.Add(Source, StringComparer.Ordinal);
        foreach (string parameter in Parameters)
        {
            hash.Add(parameter, StringComparer.Ordinal);
        }

        foreach (var tag in Tags)
        {
            hash.Add(tag);
        }

        return hash.ToHashCode();
    }

    // The wire form without CRLF, for logs of the protocol's own traffic and test failure output.
    public override string ToString()
    {
        var error = IrcWriter.TryGetBytes(this, out byte[] bytes);
        return error == IrcWriteError.None
            ? Encoding.UTF8.GetString(bytes, 0, bytes.Length - 2)
            : $"<unwritable IrcMessage: {error}>";
    }

    public static bool operator ==(IrcMessage left, IrcMessage right) => left.Equals(right);

    public static bool operator !=(IrcMessage left, IrcMessage right) => !left.Equals(right);

    private static bool SequenceEqual<T>(IReadOnlyList<T> left, IReadOnlyList<T> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < left.Count; i++)
        {
            if (!comparer.Equals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }
}
