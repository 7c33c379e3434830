using ChatCloud.Recommendations.Data;

namespace ChatCloud.Recommendations.Workload;

/// <summary>
/// Synthetic chat activity with the structure issue 7 asks for, so the recommender has something real
/// to find and the baselines something real to miss: communities (rooms and users grouped by topic,
/// Zipf popularity inside each), time-of-day rhythms (each user has a chronotype, each room its busy
/// hours), growth and churn (users arrive and leave, rooms open and die), and people: users talk to
/// others active in the same room and follow them into their rooms. Deterministic for a seed.
/// </summary>
public sealed partial class WorkloadGenerator
{
    private const int SecondsPerDay = 86_400;
    private readonly WorkloadOptions _options;
    private readonly Random _random;
    private readonly RoomProfile[] _rooms;
    private readonly UserProfile[] _users;
    private readonly int[][] _roomsByCommunity;

    public WorkloadGenerator(WorkloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _random = new Random(options.Seed);
        _rooms = [.. Enumerable.Range(0, options.Rooms).Select(NewRoom)];
        _roomsByCommunity = [.. Enumerable.Range(0, options.Communities)
            .Select(c => Enumerable.Range(0, options.Rooms).Where(r => _rooms[r].Community == c).ToArray())];
        for (var c = 0; c < options.Communities; c++)
        {
            // Zipf inside a community: its first rooms are its big ones.
            for (var rank = 0; rank < _roomsByCommunity[c].Length; rank++)
            {
                _rooms[_roomsByCommunity[c][rank]].Popularity = 1.0 / (rank + 1);
            }
        }
        _users = [.. Enumerable.Range(0, options.Users).Select(NewUser)];
    }

    public static InteractionLog Generate(WorkloadOptions options) => new WorkloadGenerator(options).Run();

    /// <summary>The topic a room belongs to (the structure the model should find; tests check it is there).</summary>
    public int CommunityOf(int room) => _rooms[room].Community;

    public InteractionLog Run()
    {
        var interactions = new List<Interaction>();
        var contacts = new List<Contact>();
        var state = _users.Select(_ => new UserState()).ToArray();
        var recentInRoom = _rooms.Select(_ => new Queue<int>()).ToArray();
        for (var day = 0; day < _options.Days; day++)
        {
            var sessions = new List<(long At, int User)>();
            for (var u = 0; u < _users.Length; u++)
            {
                var user = _users[u];
                if (day < user.ArrivalDay || day >= user.LeaveDay)
                {
                    continue;
                }
                var count = Poisson(user.SessionsPerDay);
                for (var s = 0; s < count; s++)
                {
                    var hour = ((int)Math.Round(user.PeakHour + (Normal() * 3)) % 24 + 24) % 24;
                    sessions.Add((_options.StartUnixSeconds + ((long)day * SecondsPerDay) + (hour * 3600) + _random.Next(3600), u));
                }
            }
            sessions.Sort();
            foreach (var (at, u) in sessions)
            {
                var hour = (int)(at % SecondsPerDay / 3600);
                if (ChooseRoom(u, state, day, hour) is not { } room)
                {
                    continue;
                }
                var messages = 1 + Geometric(0.3);
                interactions.Add(new Interaction(u, room, at, messages));
                state[u].Visit(room, messages);
                var recent = recentInRoom[room];
                if (recent.Count > 0 && _random.NextDouble() < _options.TalkChance)
                {
                    var other = recent.ElementAt(_random.Next(recent.Count));
                    if (other != u)
                    {
                        contacts.Add(new Contact(u, other, at));
                        state[u].Contacts.Add(other);
                        state[other].Contacts.Add(u);
                    }
                }
                recent.Enqueue(u);
                if (recent.Count > 20)
                {
                    recent.Dequeue();
                }
            }
        }
        return new InteractionLog(interactions, contacts,
            [.. Enumerable.Range(1, _users.Length).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            [.. Enumerable.Range(1, _rooms.Length).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }

    private int? ChooseRoom(int u, UserState[] state, int day, int hour)
    {
        var mine = state[u];
        var roll = _random.NextDouble();
        if (mine.Rooms.Count > 0 && roll < _options.RevisitShare)
        {
            return Pick(mine.Rooms.Keys, r => mine.Rooms[r] * Alive(r, day));
        }
        roll = _random.NextDouble();
        if (roll < _options.NoiseShare)
        {
            return Pick(Enumerable.Range(0, _rooms.Length), r => mine.Rooms.ContainsKey(r) ? 0 : Alive(r, day));
        }
        if (mine.Contacts.Count > 0 && roll < _options.NoiseShare + _options.SocialShare)
        {
            var friend = state[mine.Contacts.ElementAt(_random.Next(mine.Contacts.Count))];
            var followed = Pick(friend.Rooms.Keys, r => mine.Rooms.ContainsKey(r) ? 0 : friend.Rooms[r] * Alive(r, day));
            if (followed is not null)
            {
                return followed;
            }
        }
        var user = _users[u];
        var community = user.Communities[_random.NextDouble() < 0.7 ? 0 : _random.Next(user.Communities.Length)];
        return Pick(_roomsByCommunity[community],
            r => mine.Rooms.ContainsKey(r) ? 0 : _rooms[r].Popularity * Alive(r, day) * HourFit(_rooms[r].PeakHour, hour));
    }
}
