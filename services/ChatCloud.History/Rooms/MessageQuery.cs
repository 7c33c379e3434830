using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatCloud.History.Rooms;

/// <summary>
/// The query string of a messages request, rooms' and conversations' alike: exactly one of
/// <c>latest</c>, <c>before</c>, <c>after</c>, <c>around</c>, or <c>from</c> with <c>to</c>, each a
/// reference as on IRC, and <c>limit</c>.
/// </summary>
public sealed record MessageQuery(HistorySelector Selector, string? First, string? Second, int Limit)
{
    public static bool TryParse(
        string? latest, string? before, string? after, string? around, string? from, string? to, string? limit,
        out MessageQuery query, out ProblemHttpResult? problem)
    {
        query = null!;
        problem = null;
        if (!TryParseLimit(limit, out var count))
        {
            problem = HistoryResults.BadRequest("limit must be a whole number from 1 up.");
            return false;
        }
        var given = new[] { latest, before, after, around, from ?? to }.Count(value => value is not null);
        if (given != 1)
        {
            problem = HistoryResults.BadRequest("Give exactly one of latest, before, after, around, or from with to.");
            return false;
        }
        var (selector, first, second) =
            latest is not null ? (HistorySelector.Latest, latest == "*" ? null : latest, null)
            : before is not null ? (HistorySelector.Before, before, null)
            : after is not null ? (HistorySelector.After, after, null)
            : around is not null ? (HistorySelector.Around, around, (string?)null)
            : (HistorySelector.Between, from, to);
        if (selector == HistorySelector.Between && (from is null || to is null))
        {
            problem = HistoryResults.BadRequest("BETWEEN needs both from and to.");
            return false;
        }
        query = new MessageQuery(selector, first, second, count);
        return true;
    }

    public static bool TryParseLimit(string? text, out int limit)
    {
        limit = HistoryPlan.MaxLimit;
        if (text is null)
        {
            return true;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
        {
            // Digits too many for an int are still a valid "as many as you give".
            return text.Length > 0 && text.All(char.IsAsciiDigit) && text.TrimStart('0').Length > 0;
        }
        limit = HistoryPlan.ClampLimit(parsed);
        return true;
    }
}
