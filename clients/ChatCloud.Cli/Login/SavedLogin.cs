using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatCloud.Cli.Login;

// ~/.config/chatcloud/login.json: the issuer, the account and the current refresh token of a saved
// login (`chatcloud login`). Never a password. Readable by its owner only (0600), written whole to a
// temporary file of the same mode and moved into place, so a reader never sees half a file.
internal sealed record SavedLogin(string Issuer, string Account, string RefreshToken)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string DefaultPath => Path.Combine(Path.GetDirectoryName(App.ClientConfig.DefaultPath)!, "login.json");

    public static SavedLogin? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var login = JsonSerializer.Deserialize<SavedLogin>(File.ReadAllText(path), Json);
            return login is { Issuer.Length: > 0, Account.Length: > 0, RefreshToken.Length: > 0 } ? login : null;
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"{path} is not valid ({exception.Message}); chatcloud logout removes it.", exception);
        }
    }

    public void Save(string path)
    {
        string directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".login.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, this, Json);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode is filtered by the umask; the mode is set once more, exactly.
            File.SetUnixFileMode(temporary, OwnerOnly);
        }

        File.Move(temporary, path, overwrite: true);
    }

    // The refresh token is a secret: it never shows in a log or an exception by way of ToString.
    public override string ToString() => $"SavedLogin {{ Issuer = {Issuer}, Account = {Account} }}";

    [JsonIgnore]
    public Uri IssuerUri => new(Issuer.TrimEnd('/') + "/");
}
