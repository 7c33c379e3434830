namespace ChatCloud.Recommendations.Online;

/// <summary>
/// Combines ranked lists whose scores cannot be compared (the trained ranker's scores, online
/// co-activity counts, hourly event counts) by reciprocal rank fusion (Cormack, Clarke and Büttcher,
/// SIGIR 2009): an item scores Σ 1 / (<see cref="K"/> + rank) over the lists it is in. It needs no
/// calibration between the sources, an item high in either list rises, one in both rises most, and a
/// new source is one more list. K is small (10, not the paper's 60) because our lists are short and
/// the top places should count.
/// </summary>
public static class RankFusion
{
    public const int K = 10;

    /// <summary>The fused top <paramref name="count"/>; each keeps the reason of the list where it ranked best (earlier lists win ties).</summary>
    public static IReadOnlyList<RankedId> Fuse(IReadOnlyList<IReadOnlyList<RankedId>> lists, int count, Func<string, bool> excluded)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(excluded);
        var fused = new Dictionary<string, (double Score, int BestRank, string Reason)>(StringComparer.Ordinal);
        foreach (var list in lists)
        {
            var rank = 0;
            foreach (var candidate in list)
            {
                if (excluded(candidate.Id))
                {
                    continue;
                }
                rank++;
                var (score, bestRank, reason) = fused.GetValueOrDefault(candidate.Id, (0, int.MaxValue, candidate.Reason));
                fused[candidate.Id] = (score + (1.0 / (K + rank)), Math.Min(bestRank, rank), rank < bestRank ? candidate.Reason : reason);
            }
        }
        return [.. fused
            .OrderByDescending(f => f.Value.Score).ThenBy(f => f.Value.BestRank).ThenBy(f => f.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(f => new RankedId(f.Key, Math.Round(f.Value.Score, 4), f.Value.Reason))];
    }
}
