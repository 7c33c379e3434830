namespace ChatCloud.Recommendations.Online;

/// <summary>A room the user is predicted to open next, with its estimated probability and why.</summary>
public readonly record struct NextRoom(string Room, double Probability, string Reason);

/// <summary>
/// Which rooms a user will open next (predictive prefetch, docs/ml.md): a first-order Markov chain
/// over the user's own order of rooms opened, shrunk toward their recency-weighted frequency.
/// <para>
/// P(r) = λ·T(c→r) + (1 − λ)·F(r), where c is the room open now (the newest opened), T the share of
/// the user's moves out of c that went to r, F the share of r among the rooms opened with weight
/// <see cref="Decay"/>^age, and λ = n / (n + <see cref="Shrinkage"/>) with n the moves out of c seen:
/// a habit ("after #work I read #random") takes over as the evidence for it grows, and a user with
/// little history gets the rooms they used most lately. Rooms of the user not opened lately share a
/// small remainder so a prediction is never empty for someone in rooms. Per user, no training, and
/// it reads only what Redis already holds; its offline figures are in docs/ml.md.
/// </para>
/// </summary>
public static class NextRoomPredictor
{
    public const double Decay = 0.95;
    public const double Shrinkage = 4;
    private const double RoomsPrior = 0.02;

    /// <param name="opens">Rooms opened, newest first (the first is the room open now).</param>
    /// <param name="rooms">The user's rooms, most recently active first.</param>
    /// <param name="atSignIn">
    /// Just signed in: no room is open yet, and the room open last time is the likeliest first, so it
    /// is predicted too (by frequency and recency alone) instead of being left out as the current one.
    /// </param>
    public static IReadOnlyList<NextRoom> Predict(IReadOnlyList<string> opens, IReadOnlyList<string> rooms, int count, bool atSignIn = false)
    {
        ArgumentNullException.ThrowIfNull(opens);
        ArgumentNullException.ThrowIfNull(rooms);
        var current = opens.Count > 0 && !atSignIn ? opens[0] : null;
        var frequency = new Dictionary<string, double>(StringComparer.Ordinal);
        var weight = 1.0;
        var total = 0.0;
        foreach (var room in opens)
        {
            frequency[room] = frequency.GetValueOrDefault(room) + weight;
            total += weight;
            weight *= Decay;
        }
        // Moves out of the current room: opens[i + 1] → opens[i] where opens[i + 1] is the current room.
        var moves = new Dictionary<string, double>(StringComparer.Ordinal);
        var movesOut = 0;
        for (var i = 0; i + 1 < opens.Count; i++)
        {
            if (opens[i + 1] == current && opens[i] != current)
            {
                moves[opens[i]] = moves.GetValueOrDefault(opens[i]) + 1;
                movesOut++;
            }
        }
        var lambda = movesOut / (movesOut + Shrinkage);
        var scores = new Dictionary<string, (double P, bool Habit)>(StringComparer.Ordinal);
        foreach (var room in frequency.Keys.Concat(moves.Keys).Distinct(StringComparer.Ordinal).Where(r => r != current))
        {
            var transition = movesOut == 0 ? 0 : moves.GetValueOrDefault(room) / movesOut;
            var recent = total == 0 ? 0 : frequency.GetValueOrDefault(room) / total;
            var p = (lambda * transition) + ((1 - lambda) * recent);
            scores[room] = (p, lambda * transition > (1 - lambda) * recent);
        }
        var unopened = rooms.Where(r => r != current && !scores.ContainsKey(r)).ToList();
        for (var i = 0; i < unopened.Count; i++)
        {
            scores[unopened[i]] = (RoomsPrior / (i + 2), false);
        }
        return [.. scores
            .OrderByDescending(s => s.Value.P).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(s => new NextRoom(s.Key, Math.Round(s.Value.P, 4),
                s.Value.Habit ? $"you usually open it after {current}"
                : frequency.ContainsKey(s.Key) ? "you opened it lately"
                : "one of your rooms"))];
    }
}
