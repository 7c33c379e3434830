using System.Globalization;
using StackExchange.Redis;

namespace ChatCloud.Recommendations.Online;

/// <summary>What Redis holds about one account's recent activity, newest first.</summary>
public sealed record OnlineUser(IReadOnlyList<string> Rooms, IReadOnlyList<string> Opens, IReadOnlyList<string> Contacts)
{
    public static readonly OnlineUser Empty = new([], [], []);

    public bool IsEmpty => Rooms.Count == 0 && Opens.Count == 0 && Contacts.Count == 0;
}

/// <summary>
/// The recommender's online features in Redis (docs/ml.md, "Online features"): per account the rooms
/// it was active in, the rooms it opened in order, the people it wrote to; per room its recent
/// members; per hour each room's activity. Written by the event consumers within moments of the
/// activity, read at request time beside the batch model, so a join shows in the suggestions in
/// seconds while retraining takes hours. Every key expires and every list is trimmed: the state of
/// one account or room is bounded, and what nobody touches goes by itself.
/// </summary>
public sealed class OnlineActivity(IConnectionMultiplexer redis, TimeProvider time)
{
    public const int MaxRooms = 50;
    public const int MaxOpens = 100;
    public const int MaxContacts = 100;
    public const int MaxRoomMembers = 500;
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);
    public static readonly TimeSpan PopularWindow = TimeSpan.FromHours(24);

    private IDatabase Db => redis.GetDatabase();

    private static RedisKey Rooms(string account) => $"rec:u:{account}:rooms";
    private static RedisKey Opens(string account) => $"rec:u:{account}:opens";
    private static RedisKey Contacts(string account) => $"rec:u:{account}:contacts";
    private static RedisKey Name(string account) => $"rec:u:{account}:name";
    private static RedisKey Members(string room) => $"rec:r:{room}:members";
    private static RedisKey Popular(DateTimeOffset hour) => $"rec:pop:{hour.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture)}";
    private static RedisKey Seen(Guid eventId) => $"rec:seen:{eventId:N}";
    private static RedisKey Counted(string room) => $"rec:r:{room}:counted";

    // A room's messages carry its sequence: what is at or below the last one counted was counted
    // already (a redelivery), with one key per room instead of one per message.
    private const string CountNewScript = """
        local last = tonumber(redis.call('GET', KEYS[1]) or '0')
        local top, n = last, 0
        for i = 4, #ARGV do
          local s = tonumber(ARGV[i])
          if s > last then
            n = n + 1
            if s > top then top = s end
          end
        end
        if n > 0 then
          redis.call('ZINCRBY', KEYS[2], n, ARGV[1])
          redis.call('EXPIRE', KEYS[2], ARGV[2])
          redis.call('SET', KEYS[1], top, 'EX', ARGV[3])
        end
        return n
        """;

    /// <summary>
    /// The account was active in the room (joined it, wrote in it): it is one of its rooms, and it one
    /// of the room's members. A join also <paramref name="opened"/> the room, written in the same
    /// transaction: a reader never sees the room joined but not yet opened, which would predict the
    /// room just joined as the next one to open.
    /// </summary>
    public async Task ActiveInAsync(string account, string room, string? name, DateTimeOffset at, bool opened = false)
    {
        var score = at.ToUnixTimeMilliseconds();
        var db = Db;
        // Only a join needs the transaction; a message's writes (the hot path) stay plainly pipelined.
        var transaction = opened ? db.CreateTransaction() : null;
        var writer = (IDatabaseAsync?)transaction ?? db;
        var writes = new List<Task>
        {
            writer.SortedSetAddAsync(Rooms(account), room, score),
            writer.SortedSetRemoveRangeByRankAsync(Rooms(account), 0, -MaxRooms - 1),
            writer.KeyExpireAsync(Rooms(account), Lifetime),
            writer.SortedSetAddAsync(Members(room), account, score),
            writer.SortedSetRemoveRangeByRankAsync(Members(room), 0, -MaxRoomMembers - 1),
            writer.KeyExpireAsync(Members(room), Lifetime),
        };
        if (name is not null)
        {
            writes.Add(writer.StringSetAsync(Name(account), name, Lifetime));
        }
        if (transaction is not null)
        {
            writes.AddRange(Open(transaction, account, room));
            await transaction.ExecuteAsync();
        }
        await Task.WhenAll(writes);
    }

    /// <summary>The account left the room: no longer one of its rooms (it stays in the order of rooms opened).</summary>
    public Task LeftAsync(string account, string room) =>
        Task.WhenAll(Db.SortedSetRemoveAsync(Rooms(account), room), Db.SortedSetRemoveAsync(Members(room), account));

    /// <summary>The account opened (read) the room: the newest entry of the order of rooms opened, the input of next-room prediction.</summary>
    public Task OpenedAsync(string account, string room) => Task.WhenAll(Open(Db, account, room));

    private static Task[] Open(IDatabaseAsync db, string account, string room) =>
    [
        db.ListLeftPushAsync(Opens(account), room),
        db.ListTrimAsync(Opens(account), 0, MaxOpens - 1),
        db.KeyExpireAsync(Opens(account), Lifetime),
    ];

    /// <summary>The account wrote to the person (a direct message): one of its contacts.</summary>
    public Task ContactedAsync(string account, string person, DateTimeOffset at)
    {
        var db = Db;
        return Task.WhenAll(
            db.SortedSetAddAsync(Contacts(account), person, at.ToUnixTimeMilliseconds()),
            db.SortedSetRemoveRangeByRankAsync(Contacts(account), 0, -MaxContacts - 1),
            db.KeyExpireAsync(Contacts(account), Lifetime));
    }

    /// <summary>
    /// One more event in the room this hour (a join; messages are counted a batch at a time by
    /// <see cref="CountMessagesAsync"/>): the rooms busy lately, the popular list of the cold start and
    /// the opt-out. Counted once per event id, so a redelivery adds nothing.
    /// </summary>
    public async Task CountAsync(Guid eventId, string room, DateTimeOffset at)
    {
        var db = Db;
        if (!await db.StringSetAsync(Seen(eventId), 1, PopularWindow + TimeSpan.FromHours(1), When.NotExists))
        {
            return;
        }
        var hour = HourOf(at);
        await Task.WhenAll(db.SortedSetIncrementAsync(Popular(hour), room, 1), db.KeyExpireAsync(Popular(hour), PopularWindow + TimeSpan.FromHours(2)));
    }

    /// <summary>
    /// A batch of room messages into the rooms' hourly counts: per room and hour one script that counts
    /// the messages whose sequence is above the last one counted, so a redelivery adds nothing. A
    /// message stream carries its room's messages in sequence order; one that came after a later
    /// one had been counted (a republish after a failure) is not counted, an undercount of a few.
    /// </summary>
    public Task CountMessagesAsync(IEnumerable<(string Room, long Sequence, DateTimeOffset At)> messages)
    {
        var db = Db;
        var popularLifetime = (long)(PopularWindow + TimeSpan.FromHours(2)).TotalSeconds;
        var countedLifetime = (long)Lifetime.TotalSeconds;
        // The multiplexer sends in call order: a room's earlier hour is counted before its later one.
        return Task.WhenAll(messages
            .GroupBy(message => (message.Room, Hour: HourOf(message.At)))
            .OrderBy(group => group.Min(message => message.Sequence))
            .Select(group => db.ScriptEvaluateAsync(CountNewScript, [Counted(group.Key.Room), Popular(group.Key.Hour)],
                [group.Key.Room, popularLifetime, countedLifetime, .. group.Select(message => (RedisValue)message.Sequence)])));
    }

    private static DateTimeOffset HourOf(DateTimeOffset at) => new(at.UtcDateTime.Date.AddHours(at.UtcDateTime.Hour), TimeSpan.Zero);

    public async Task<OnlineUser> ReadAsync(string account)
    {
        var db = Db;
        var rooms = db.SortedSetRangeByRankAsync(Rooms(account), 0, MaxRooms - 1, Order.Descending);
        var opens = db.ListRangeAsync(Opens(account), 0, MaxOpens - 1);
        var contacts = db.SortedSetRangeByRankAsync(Contacts(account), 0, MaxContacts - 1, Order.Descending);
        await Task.WhenAll(rooms, opens, contacts);
        return new OnlineUser([.. (await rooms).Select(r => r.ToString())], [.. (await opens).Select(r => r.ToString())], [.. (await contacts).Select(r => r.ToString())]);
    }

    /// <summary>The room's most recently active members (accounts), newest first.</summary>
    public async Task<IReadOnlyList<string>> MembersAsync(string room, int count) =>
        [.. (await Db.SortedSetRangeByRankAsync(Members(room), 0, count - 1, Order.Descending)).Select(m => m.ToString())];

    /// <summary>An account's rooms, newest first.</summary>
    public async Task<IReadOnlyList<string>> RoomsOfAsync(string account, int count) =>
        [.. (await Db.SortedSetRangeByRankAsync(Rooms(account), 0, count - 1, Order.Descending)).Select(m => m.ToString())];

    public async Task<string?> NameOfAsync(string account) => await Db.StringGetAsync(Name(account)) is { HasValue: true } name ? name.ToString() : null;

    /// <summary>The rooms with the most events in the last <see cref="PopularWindow"/>, busiest first.</summary>
    public async Task<IReadOnlyList<(string Room, double Events)>> PopularAsync(int count)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var thisHour = new DateTimeOffset(now.Date.AddHours(now.Hour), TimeSpan.Zero);
        var hours = Enumerable.Range(0, (int)PopularWindow.TotalHours).Select(h => Popular(thisHour.AddHours(-h))).ToArray();
        var totals = await Db.SortedSetCombineWithScoresAsync(SetOperation.Union, hours);
        return [.. totals.OrderByDescending(t => t.Score).ThenBy(t => t.Element.ToString(), StringComparer.Ordinal)
            .Take(count).Select(t => (t.Element.ToString(), t.Score))];
    }

    /// <summary>
    /// Forgets everything kept about the account (the opt-out, docs/privacy.md): its own keys, and its
    /// place among the members of its rooms. The hourly room counts are not about anyone and stay.
    /// </summary>
    public async Task ForgetAsync(string account)
    {
        var db = Db;
        var rooms = await RoomsOfAsync(account, MaxRooms);
        await Task.WhenAll(rooms.Select(room => db.SortedSetRemoveAsync(Members(room), account)));
        await db.KeyDeleteAsync([Rooms(account), Opens(account), Contacts(account), Name(account)]);
    }
}
