using System.Numerics;

namespace ChatCloud.Bench.Stats;

// What one receiver got from each sender: a bit per sequence number. A bit already set is a duplicate;
// after the drain, sent − distinct is what this receiver lost. Senders number their messages from 0
// and the step says how many each will send at most, so a tracker's size is fixed from the start and
// a wrong or forged number is counted, never allowed to grow it.
public sealed class SequenceTracker
{
    private readonly ulong[]?[] _seen;
    private readonly long[] _distinct;
    private readonly long _capacityPerSender;

    public SequenceTracker(int senders, long capacityPerSender)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(senders);
        ArgumentOutOfRangeException.ThrowIfNegative(capacityPerSender);
        _seen = new ulong[]?[senders];
        _distinct = new long[senders];
        _capacityPerSender = capacityPerSender;
    }

    public long Distinct { get; private set; }

    public long Duplicates { get; private set; }

    // A sender index or sequence number this step never sends: another run's or a garbled message.
    public long OutOfRange { get; private set; }

    public int Senders => _seen.Length;

    public bool Record(int sender, long sequence)
    {
        if ((uint)sender >= (uint)_seen.Length || sequence < 0 || sequence >= _capacityPerSender)
        {
            OutOfRange++;
            return false;
        }

        // Allocated on the first message from a sender: in the rooms scenario most never reach us.
        var bits = _seen[sender] ??= new ulong[(_capacityPerSender + 63) / 64];
        ref ulong word = ref bits[sequence >> 6];
        ulong mask = 1UL << (int)(sequence & 63);
        if ((word & mask) != 0)
        {
            Duplicates++;
            return false;
        }

        word |= mask;
        _distinct[sender]++;
        Distinct++;
        return true;
    }

    public long DistinctFrom(int sender) => _distinct[sender];

    // Messages missing from [0, sent): what the sender put on the wire that never arrived here.
    public long MissingFrom(int sender, long sent)
    {
        long upTo = Math.Min(sent, _capacityPerSender);
        if (_seen[sender] is not { } bits)
        {
            return upTo;
        }

        long present = 0;
        long fullWords = upTo >> 6;
        for (long w = 0; w < fullWords; w++)
        {
            present += BitOperations.PopCount(bits[w]);
        }

        int rest = (int)(upTo & 63);
        if (rest > 0)
        {
            present += BitOperations.PopCount(bits[fullWords] & ((1UL << rest) - 1));
        }

        return upTo - present;
    }
}
