namespace ChatCloud.Recommendations.Ranking;

/// <summary>One (user, item) pair to score; higher scores rank first.</summary>
public readonly record struct Candidate(int User, int Item);

/// <summary>Anything that ranks items for users: the model and the baselines it is measured against.</summary>
public interface IItemScorer
{
    string Name { get; }

    /// <summary>Scores in the order of <paramref name="candidates"/>; batched because the ranker is cheapest that way.</summary>
    float[] Score(IReadOnlyList<Candidate> candidates);
}
