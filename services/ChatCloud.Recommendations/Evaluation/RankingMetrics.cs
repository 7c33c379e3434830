namespace ChatCloud.Recommendations.Evaluation;

/// <summary>
/// Hit rate and NDCG with one relevant item per user, the form both issue 7 protocols use:
/// HR@k is 1 when the item ranks in the top k; NDCG@k is 1/log2(rank + 2) for a 0-based rank inside
/// the top k (the ideal DCG is 1 with a single relevant item), else 0.
/// </summary>
public static class RankingMetrics
{
    /// <summary>
    /// The 0-based rank of the target among the scores: every candidate scored strictly higher, plus
    /// half of those tied with it (the expected rank under a random tie-break, without the randomness;
    /// the popularity baseline ties a lot).
    /// </summary>
    public static int RankOf(float targetScore, ReadOnlySpan<float> otherScores)
    {
        int higher = 0, tied = 0;
        foreach (var s in otherScores)
        {
            if (s > targetScore)
            {
                higher++;
            }
            else if (s == targetScore)
            {
                tied++;
            }
        }
        return higher + (tied / 2);
    }

    public static double HitRate(int rank, int k) => rank >= 0 && rank < k ? 1 : 0;

    public static double Ndcg(int rank, int k) => rank >= 0 && rank < k ? 1 / Math.Log2(rank + 2) : 0;
}
