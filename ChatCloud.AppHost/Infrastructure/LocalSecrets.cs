using System.Security.Cryptography;
using System.Text.Json;

namespace ChatCloud.AppHost.Infrastructure;

/// <summary>
/// Secrets generated once and kept beside the data they protect (<c>secrets.json</c>, mode 600), so a
/// restart always presents the same passwords to the same data. Values already in configuration win.
/// </summary>
public sealed class LocalSecrets
{
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };
    private readonly string _path;
    private readonly Dictionary<string, string> _values;

    private LocalSecrets(string path, Dictionary<string, string> values)
    {
        _path = path;
        _values = values;
    }

    public static LocalSecrets Open(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        var path = Path.Combine(stateDirectory, "secrets.json");
        var values = File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? []
            : [];
        return new LocalSecrets(path, values);
    }

    /// <summary>The stored value, or a new random one (URL- and config-safe characters only) that is stored.</summary>
    public string GetOrCreate(string name, int length = 32)
    {
        if (_values.TryGetValue(name, out var existing))
        {
            return existing;
        }
        var created = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", length);
        _values[name] = created;
        Save();
        return created;
    }

    private void Save()
    {
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(_values, WriteOptions));
        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, _path, overwrite: true);
    }
}
