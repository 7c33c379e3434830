using System.Globalization;
using System.Text;
using ChatCloud.Recommendations.Data;
using ChatCloud.Recommendations.Online;

namespace ChatCloud.Recommendations.Evaluation;

public sealed record NextRoomResult(string Predictor, double HitRate);

/// <summary>
/// How often a prefetch of the predicted rooms would have held the room opened next: the prefetch hit
/// rate if every open were preceded by a hint of <see cref="K"/> rooms.
/// </summary>
public sealed record NextRoomReport(int K, int Opens, int Cases, IReadOnlyList<NextRoomResult> Results)
{
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"protocol next: {Opens} opens; {Cases} of them ({(Opens == 0 ? 0 : (double)Cases / Opens):P0}) reopen another room of the user (the ones a prefetch can serve)");
        text.AppendLine(c, $"{"predictor",-12} {"HR@" + K,8}");
        foreach (var r in Results)
        {
            text.AppendLine(c, $"{r.Predictor,-12} {r.HitRate,8:F3}");
        }
        return text.ToString().TrimEnd();
    }
}

/// <summary>
/// Replays each user's opens (the log's sessions, in time order) through <see cref="NextRoomPredictor"/>
/// as the service sees them: before each open, the opens so far (newest first, at most
/// <see cref="OnlineActivity.MaxOpens"/>) are the input; a hit is the room opened being among the
/// top <c>k</c>. Only opens of another room the user had opened before count (a room already open
/// needs no prefetch; a room never opened is the recommender's business, not prefetch's). Baselines:
/// the <c>k</c> rooms opened most recently, and the <c>k</c> opened most often.
/// </summary>
public static class NextRoomEvaluation
{
    public static NextRoomReport Run(InteractionLog log, int k)
    {
        ArgumentNullException.ThrowIfNull(log);
        var hits = new Dictionary<string, int>(StringComparer.Ordinal) { ["model"] = 0, ["recent"] = 0, ["frequent"] = 0 };
        int opens = 0, cases = 0;
        foreach (var user in log.Interactions.GroupBy(i => i.User))
        {
            var sequence = user.OrderBy(i => i.Timestamp).Select(i => log.ItemIds[i.Item]).ToList();
            var history = new List<string>(); // newest first
            foreach (var room in sequence)
            {
                opens++;
                if (history.Count > 0 && room != history[0] && history.Contains(room))
                {
                    cases++;
                    var current = history[0];
                    if (NextRoomPredictor.Predict(history, [], k).Any(n => n.Room == room))
                    {
                        hits["model"]++;
                    }
                    if (history.Where(r => r != current).Distinct().Take(k).Contains(room))
                    {
                        hits["recent"]++;
                    }
                    if (history.Where(r => r != current).GroupBy(r => r).OrderByDescending(g => g.Count()).ThenBy(g => history.IndexOf(g.Key))
                        .Take(k).Any(g => g.Key == room))
                    {
                        hits["frequent"]++;
                    }
                }
                history.Insert(0, room);
                if (history.Count > OnlineActivity.MaxOpens)
                {
                    history.RemoveAt(history.Count - 1);
                }
            }
        }
        return new NextRoomReport(k, opens, cases, [.. hits.Select(h => new NextRoomResult(h.Key, cases == 0 ? 0 : (double)h.Value / cases))]);
    }
}
