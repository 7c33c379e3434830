namespace ChatCloud.Recommendations.Workload;

// The people and rooms of the simulation, and the random draws they are made of.
public sealed partial class WorkloadGenerator
{
    private sealed class RoomProfile
    {
        public int Community { get; init; }
        public double Popularity { get; set; } = 1;
        public int PeakHour { get; init; }
        public int OpenDay { get; init; }
        public int CloseDay { get; init; }
    }

    private sealed class UserProfile
    {
        public required int[] Communities { get; init; }
        public double PeakHour { get; init; }
        public double SessionsPerDay { get; init; }
        public int ArrivalDay { get; init; }
        public int LeaveDay { get; init; }
    }

    private sealed class UserState
    {
        public Dictionary<int, double> Rooms { get; } = [];
        public HashSet<int> Contacts { get; } = [];

        public void Visit(int room, double messages) =>
            Rooms[room] = Rooms.GetValueOrDefault(room) + messages;
    }

    private int[] CommunityPeaks => field ??= [.. Enumerable.Range(0, _options.Communities).Select(_ => _random.Next(24))];

    private RoomProfile NewRoom(int index)
    {
        var community = index < _options.Communities ? index : _random.Next(_options.Communities);
        // Most rooms exist from the start; the rest open during the period, and some die (room churn).
        var openDay = _random.NextDouble() < 0.8 ? 0 : _random.Next(_options.Days);
        var closeDay = _random.NextDouble() < 0.15 ? openDay + 1 + _random.Next(Math.Max(1, _options.Days - openDay)) : int.MaxValue;
        var peak = ((CommunityPeaks[community] + (int)Math.Round(Normal() * 2)) % 24 + 24) % 24;
        return new RoomProfile { Community = community, PeakHour = peak, OpenDay = openDay, CloseDay = closeDay };
    }

    private UserProfile NewUser(int index)
    {
        // Communities by Zipf: some topics draw many more people than others.
        var primary = ZipfIndex(_options.Communities);
        var communities = _random.NextDouble() < 0.4 ? new[] { primary, _random.Next(_options.Communities) } : [primary];
        // A chronotype: most people keep their community's hours, some their own.
        var peak = _random.NextDouble() < 0.6 ? CommunityPeaks[primary] + (Normal() * 2) : _random.Next(24);
        var arrival = _random.NextDouble() < 0.5 ? 0 : _random.Next(_options.Days);
        var lifetime = -Math.Log(1 - _random.NextDouble()) * _options.MeanLifetimeDays;
        var rate = _options.SessionsPerDay * Math.Exp((Normal() * 0.8) - 0.32); // log-normal with the given mean
        return new UserProfile
        {
            Communities = communities,
            PeakHour = peak,
            SessionsPerDay = rate,
            ArrivalDay = arrival,
            LeaveDay = arrival + 1 + (int)Math.Min(lifetime, _options.Days),
        };
    }

    private double Alive(int room, int day) => day >= _rooms[room].OpenDay && day < _rooms[room].CloseDay ? 1 : 0;

    private static double HourFit(int peak, int hour)
    {
        var distance = Math.Abs(peak - hour);
        distance = Math.Min(distance, 24 - distance);
        return 0.15 + Math.Exp(-distance * distance / 18.0);
    }

    private int? Pick(IEnumerable<int> candidates, Func<int, double> weight)
    {
        var list = candidates.Select(c => (c, w: weight(c))).Where(x => x.w > 0).ToList();
        var total = list.Sum(x => x.w);
        if (total <= 0)
        {
            return null;
        }
        var roll = _random.NextDouble() * total;
        foreach (var (c, w) in list)
        {
            roll -= w;
            if (roll <= 0)
            {
                return c;
            }
        }
        return list[^1].c;
    }

    private int ZipfIndex(int n)
    {
        var total = 0.0;
        for (var i = 1; i <= n; i++)
        {
            total += 1.0 / i;
        }
        var roll = _random.NextDouble() * total;
        for (var i = 1; i <= n; i++)
        {
            roll -= 1.0 / i;
            if (roll <= 0)
            {
                return i - 1;
            }
        }
        return n - 1;
    }

    private double Normal() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    private int Poisson(double mean)
    {
        var limit = Math.Exp(-Math.Min(mean, 30));
        var k = 0;
        for (var p = _random.NextDouble(); p > limit; p *= _random.NextDouble())
        {
            k++;
        }
        return k;
    }

    private int Geometric(double p)
    {
        var k = 0;
        while (_random.NextDouble() > p && k < 50)
        {
            k++;
        }
        return k;
    }
}
