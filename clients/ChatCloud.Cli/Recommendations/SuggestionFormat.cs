using System.Globalization;

namespace ChatCloud.Cli.Recommendations;

// /suggest's lines in the server buffer: one per suggestion with its reason, and how to follow it.
internal static class SuggestionFormat
{
    public static IReadOnlyList<string> Lines(Suggestions suggestions)
    {
        var lines = new List<string>
        {
            suggestions.Personalised
                ? $"Suggestions for you{Model(suggestions)}:"
                : $"Popular right now (not personalised){Model(suggestions)}:",
        };
        Section(lines, "Rooms to join", suggestions.Rooms, Room);
        Section(lines, "People to talk to", suggestions.People, id => id);
        if (suggestions.NextRooms is { Count: > 0 } next)
        {
            Section(lines, "Likely next", next, Room);
        }

        lines.Add("/join #room to join one, /query <nick> to talk to someone.");
        return lines;
    }

    // The model's generated workload numbers its rooms ("12"); the chat calls that room #12.
    public static string Room(string id) => id.StartsWith('#') ? id : "#" + id;

    private static string Model(Suggestions suggestions) =>
        suggestions.ModelVersion is { } version ? string.Create(CultureInfo.InvariantCulture, $" (model v{version})") : "";

    private static void Section(List<string> lines, string title, IReadOnlyList<Suggestion> items, Func<string, string> name)
    {
        if (items.Count == 0)
        {
            lines.Add($"  {title}: nothing to suggest right now.");
            return;
        }

        lines.Add($"  {title}:");
        lines.AddRange(items.Select(item => string.IsNullOrWhiteSpace(item.Reason) ? $"    {name(item.Id)}" : $"    {name(item.Id)} — {item.Reason}"));
    }
}
