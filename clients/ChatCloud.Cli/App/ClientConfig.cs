using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatCloud.Cli.App;

// ~/.config/chatcloud/config.json. It never holds a password (docs/cli.md).
internal sealed record ClientConfig
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string? Host { get; init; }

    public int? Port { get; init; }

    public bool? Tls { get; init; }

    public string? Account { get; init; }

    public string? Nick { get; init; }

    public string? Theme { get; init; }

    // The sign-in provider (the gateway's address) for `chatcloud login`.
    public string? Issuer { get; init; }

    public static string DefaultPath
    {
        get
        {
            string root = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            return Path.Combine(root, "chatcloud", "config.json");
        }
    }

    // A missing file is an empty configuration; a broken one is an error the user must fix.
    public static ClientConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            return new ClientConfig();
        }

        try
        {
            return JsonSerializer.Deserialize<ClientConfig>(File.ReadAllText(path), Json) ?? new ClientConfig();
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"{path} is not valid: {exception.Message}", exception);
        }
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }
}
