namespace ChatCloud.Recommendations.Features;

/// <summary>
/// The collaborative signal, computed in closed form instead of learned: item-item cosine similarity
/// over the sets of users (rooms that share people) and each user's nearest neighbours by the same
/// measure (people who use the same rooms). This stands where matrix factorisation would
/// (Microsoft.ML.Recommender is not served here); see docs/ml.md for the choice.
/// </summary>
public sealed class CoActivity
{
    /// <summary>The dense item-item matrix is n² floats: 5,000 items is 100 MB, the most we allow.</summary>
    public const int MaxItems = 5000;
    public const int Neighbours = 40;

    private readonly float[] _itemSimilarity;
    private readonly int _items;

    public CoActivity(InteractionIndex index, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.ItemCount > MaxItems)
        {
            throw new NotSupportedException($"{index.ItemCount} items: the item-item similarity is dense and limited to {MaxItems}");
        }
        _items = index.ItemCount;
        _itemSimilarity = new float[_items * _items];
        foreach (var items in index.UserItemList)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var a = 0; a < items.Length; a++)
            {
                var row = items[a] * _items;
                for (var b = a + 1; b < items.Length; b++)
                {
                    _itemSimilarity[row + items[b]] += 1;
                }
            }
        }
        for (var a = 0; a < _items; a++)
        {
            for (var b = a + 1; b < _items; b++)
            {
                var co = _itemSimilarity[(a * _items) + b];
                var sim = co == 0 ? 0 : co / MathF.Sqrt(index.ItemUsers[a].Length * (float)index.ItemUsers[b].Length);
                _itemSimilarity[(a * _items) + b] = sim;
                _itemSimilarity[(b * _items) + a] = sim;
            }
        }
        UserNeighbours = ComputeNeighbours(index, cancellationToken);
    }

    /// <summary>Per user: up to <see cref="Neighbours"/> (user, cosine) pairs, most similar first.</summary>
    public IReadOnlyList<(int User, float Similarity)[]> UserNeighbours { get; }

    public float ItemSimilarity(int a, int b) => a == b ? 0 : _itemSimilarity[(a * _items) + b];

    private static (int, float)[][] ComputeNeighbours(InteractionIndex index, CancellationToken cancellationToken)
    {
        var result = new (int, float)[index.UserCount][];
        var co = new float[index.UserCount];
        var touched = new List<int>();
        for (var u = 0; u < index.UserCount; u++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var mine = index.UserItemList[u];
            foreach (var item in mine)
            {
                foreach (var v in index.ItemUsers[item])
                {
                    if (v != u)
                    {
                        if (co[v] == 0)
                        {
                            touched.Add(v);
                        }
                        co[v] += 1;
                    }
                }
            }
            result[u] = [.. touched
                .Select(v => (v, co[v] / MathF.Sqrt(mine.Length * (float)index.UserItemList[v].Length)))
                .OrderByDescending(x => x.Item2).ThenBy(x => x.v)
                .Take(Neighbours)];
            foreach (var v in touched)
            {
                co[v] = 0;
            }
            touched.Clear();
        }
        return result;
    }
}
