using ChatCloud.Irc;
using StackExchange.Redis;

namespace ChatCloud.Presence;

/// <summary>
/// The nick directory in Redis: <c>chatcloud:nick:&lt;folded nick&gt;</c> holds
/// <c>&lt;edge&gt;/&lt;session&gt;</c>, and each edge keeps <c>chatcloud:edge:&lt;edge&gt;</c> alive
/// (<see cref="EdgeHeartbeat"/>). A claim and a release are each one script, so they are atomic;
/// a nick whose edge has no heartbeat any more (it crashed) goes to whoever claims it next, so no
/// sweeper is needed for nicks.
/// </summary>
public sealed class RedisNickDirectory(IConnectionMultiplexer redis, ChatCloud.Messaging.MessagingInstance edge) : INickDirectory
{
    public const string EdgeKeyPrefix = ChatCloud.Contracts.Presence.EdgeHeartbeats.KeyPrefix;
    public const string NickKeyPrefix = "chatcloud:nick:";
    public const string UserKeyPrefix = "chatcloud:user:";

    // The owner's edge key is derived inside the script: fine on one Redis node, which is what
    // ChatCloud runs (a cluster would need the edge key passed in, after a first read).
    private static readonly LuaScript Claim = LuaScript.Prepare("""
        local owner = redis.call('GET', @nick)
        if owner == false or owner == @owner then
          redis.call('SET', @nick, @owner)
          return 1
        end
        local edge = string.match(owner, '^([^/]+)/')
        if edge == nil or redis.call('EXISTS', @edgePrefix .. edge) == 0 then
          redis.call('SET', @nick, @owner)
          return 1
        end
        return 0
        """);

    private static readonly LuaScript Release = LuaScript.Prepare("""
        if redis.call('GET', @nick) == @owner then
          redis.call('DEL', @user)
          return redis.call('DEL', @nick)
        end
        return 0
        """);

    // What a user published, only while the nick's holder is alive: a crashed edge's users stay in
    // Redis until their nicks are claimed again, but they are not online (WHOIS, MONITOR S).
    private static readonly LuaScript Find = LuaScript.Prepare("""
        local owner = redis.call('GET', @nick)
        if owner == false then
          return {}
        end
        local edge = string.match(owner, '^([^/]+)/')
        if edge == nil or redis.call('EXISTS', @edgePrefix .. edge) == 0 then
          return {}
        end
        return redis.call('HGETALL', @user)
        """);

    public static RedisKey NickKey(string nick) => NickKeyPrefix + IrcCaseMapping.Rfc1459.Fold(nick);

    public static RedisKey UserKey(string nick) => UserKeyPrefix + IrcCaseMapping.Rfc1459.Fold(nick);

    public async Task<bool> TryClaimAsync(string nick, string session, CancellationToken cancellationToken)
    {
        var owner = Owner(session);
        var result = await redis.GetDatabase()
            .ScriptEvaluateAsync(Claim, new { nick = NickKey(nick), owner, edgePrefix = EdgeKeyPrefix })
            .WaitAsync(cancellationToken);
        return (int)result == 1;
    }

    public async Task ReleaseAsync(string nick, string session, CancellationToken cancellationToken) =>
        await redis.GetDatabase().ScriptEvaluateAsync(Release, new { nick = NickKey(nick), user = UserKey(nick), owner = Owner(session) })
            .WaitAsync(cancellationToken);

    public async Task PublishAsync(DirectoryUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = UserKey(user.Nick);
        var database = redis.GetDatabase();
        await database.HashSetAsync(key,
        [
            new("nick", user.Nick), new("user", user.User), new("host", user.Host), new("realname", user.RealName),
            new("account", user.Account ?? ""), new("away", user.Away ?? ""), new("signon", user.SignedOnAt.ToUnixTimeSeconds()),
        ]).WaitAsync(cancellationToken);
    }

    public async Task<DirectoryUser?> FindAsync(string nick, CancellationToken cancellationToken)
    {
        var result = (RedisResult[])(await redis.GetDatabase()
            .ScriptEvaluateAsync(Find, new { nick = NickKey(nick), user = UserKey(nick), edgePrefix = EdgeKeyPrefix })
            .WaitAsync(cancellationToken))!;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < result.Length; i += 2)
        {
            fields[(string)result[i]!] = (string)result[i + 1]!;
        }
        if (!fields.TryGetValue("nick", out var held))
        {
            return null;
        }
        return new DirectoryUser(held, fields.GetValueOrDefault("user", ""), fields.GetValueOrDefault("host", ""), fields.GetValueOrDefault("realname", ""),
            NullIfEmpty(fields.GetValueOrDefault("account")), NullIfEmpty(fields.GetValueOrDefault("away")),
            DateTimeOffset.FromUnixTimeSeconds(long.TryParse(fields.GetValueOrDefault("signon"), out var signon) ? signon : 0));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private string Owner(string session) => $"{edge.Id}/{session}";
}
