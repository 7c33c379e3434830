namespace ChatCloud.Cli.Commands;

// Tab completes the word before the cursor: a command after a leading "/", a room after "#", else a
// nick of the current buffer (with ": " at the start of the line, as IRC users address someone).
// Pressing Tab again cycles through the other candidates.
internal sealed class TabCompletion
{
    private string? _cycleBase;
    private List<string> _candidates = [];
    private int _index;
    private string? _lastResult;

    public string Complete(string text, IEnumerable<string> commands, IEnumerable<string> rooms, IEnumerable<string> nicks)
    {
        if (_lastResult is not null && text == _lastResult && _candidates.Count > 0)
        {
            _index = (_index + 1) % _candidates.Count;
            return _lastResult = Apply(_cycleBase!, _candidates[_index]);
        }

        int start = text.LastIndexOf(' ') + 1;
        string word = text[start..];
        IEnumerable<string> pool = word.StartsWith('/') && start == 0 ? commands.Select(c => "/" + c)
            : word.StartsWith('#') ? rooms
            : nicks;
        _candidates = pool.Where(c => word.Length > 0 && c.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (_candidates.Count == 0)
        {
            _lastResult = null;
            return text;
        }

        _cycleBase = text;
        _index = 0;
        return _lastResult = Apply(text, _candidates[0]);
    }

    public void Reset() => _lastResult = null;

    private static string Apply(string text, string candidate)
    {
        int start = text.LastIndexOf(' ') + 1;
        string suffix = start == 0 && !candidate.StartsWith('/') && !candidate.StartsWith('#') ? ": " : " ";
        return text[..start] + candidate + suffix;
    }
}
