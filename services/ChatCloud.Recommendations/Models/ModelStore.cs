using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatCloud.Recommendations.Ranking;

namespace ChatCloud.Recommendations.Models;

/// <summary>
/// Model versions on disk, in the directory the service owns: <c>v000007/ranker.zip</c> and
/// <c>v000007/card.json</c>. A version is written into a temporary folder and renamed into place,
/// so a crash mid-save leaves no half version for the next start to load.
/// </summary>
public sealed class ModelStore(string directory)
{
    public const string RankerFile = "ranker.zip";
    public const string CardFile = "card.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // cards from before the lift could be null hold "Infinity"
    };

    public string Directory => directory;

    /// <summary>Every complete version, newest first.</summary>
    public IReadOnlyList<ModelCard> List()
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return [];
        }
        var cards = new List<ModelCard>();
        foreach (var folder in System.IO.Directory.EnumerateDirectories(directory, "v*"))
        {
            if (Read(folder) is { } card)
            {
                cards.Add(card);
            }
        }
        return [.. cards.OrderByDescending(c => c.Version)];
    }

    /// <summary>A folder's card, or null when it is incomplete or unreadable (hand-edited, from an older build): such a version is skipped, not fatal.</summary>
    private static ModelCard? Read(string folder)
    {
        var card = Path.Combine(folder, CardFile);
        if (!File.Exists(card) || !File.Exists(Path.Combine(folder, RankerFile)))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(card), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>One past every version folder, readable or not, so a new version never lands on an old folder.</summary>
    public int NextVersion() => !System.IO.Directory.Exists(directory) ? 1 : 1 + System.IO.Directory.EnumerateDirectories(directory, "v*")
        .Select(folder => int.TryParse(Path.GetFileName(folder).AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : 0)
        .DefaultIfEmpty(0).Max();

    public string RankerPath(int version) => Path.Combine(VersionFolder(version), RankerFile);

    /// <summary>Writes the version whole or not at all, then deletes all but the newest <paramref name="keep"/>.</summary>
    public void Save(RecommenderModel model, ModelCard card, int keep)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(card);
        System.IO.Directory.CreateDirectory(directory);
        var staging = Path.Combine(directory, ".staging-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(staging);
        try
        {
            model.Save(Path.Combine(staging, RankerFile));
            File.WriteAllText(Path.Combine(staging, CardFile), JsonSerializer.Serialize(card, Json));
            System.IO.Directory.Move(staging, VersionFolder(card.Version));
        }
        catch
        {
            System.IO.Directory.Delete(staging, recursive: true);
            throw;
        }
        foreach (var old in List().Skip(keep))
        {
            System.IO.Directory.Delete(VersionFolder(old.Version), recursive: true);
        }
    }

    private string VersionFolder(int version) =>
        Path.Combine(directory, "v" + version.ToString("D6", CultureInfo.InvariantCulture));
}
