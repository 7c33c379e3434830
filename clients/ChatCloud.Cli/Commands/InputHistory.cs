namespace ChatCloud.Cli.Commands;

// Up and down through what was typed before, as a shell does: Up from the newest, Down back to the
// draft being typed when Up was first pressed.
internal sealed class InputHistory(int capacity = 200)
{
    private readonly List<string> _entries = [];
    private int _at;
    private string _draft = "";

    // A line with a password (SecretInput) is not kept: it would come back with Up, on screen.
    public void Add(string line)
    {
        if (line.Length > 0 && !SecretInput.IsSecret(line) && (_entries.Count == 0 || _entries[^1] != line))
        {
            _entries.Add(line);
            if (_entries.Count > capacity)
            {
                _entries.RemoveAt(0);
            }
        }

        _at = _entries.Count;
        _draft = "";
    }

    public string Up(string current)
    {
        if (_at == _entries.Count)
        {
            _draft = current;
        }

        if (_at > 0)
        {
            _at--;
        }

        return _entries.Count == 0 ? current : _entries[_at];
    }

    public string Down(string current)
    {
        if (_at >= _entries.Count)
        {
            return current;
        }

        _at++;
        return _at == _entries.Count ? _draft : _entries[_at];
    }
}
