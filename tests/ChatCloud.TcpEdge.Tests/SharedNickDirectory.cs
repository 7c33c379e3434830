using System.Collections.Concurrent;
using ChatCloud.Irc;
using ChatCloud.Presence;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>
/// The nick directory as several edges share it, in memory, for unit tests of the edge's NICK logic
/// (the integration tests use the real one in Redis). Each edge gets a view with its own name.
/// </summary>
internal sealed class SharedNickDirectory
{
    private readonly ConcurrentDictionary<string, string> _owners = new(IrcCaseMapping.Rfc1459);
    private readonly ConcurrentDictionary<string, DirectoryUser> _users = new(IrcCaseMapping.Rfc1459);

    public bool Unreachable { get; set; }

    public INickDirectory For(string edge) => new EdgeView(this, edge);

    private sealed class EdgeView(SharedNickDirectory shared, string edge) : INickDirectory
    {
        public Task<bool> TryClaimAsync(string nick, string session, CancellationToken cancellationToken)
        {
            if (shared.Unreachable)
            {
                throw new TimeoutException("The directory did not answer.");
            }
            var owner = $"{edge}/{session}";
            return Task.FromResult(shared._owners.GetOrAdd(nick, owner) == owner);
        }

        public Task ReleaseAsync(string nick, string session, CancellationToken cancellationToken)
        {
            if (shared._owners.TryRemove(new KeyValuePair<string, string>(nick, $"{edge}/{session}")))
            {
                shared._users.TryRemove(nick, out _);
            }
            return Task.CompletedTask;
        }

        public Task PublishAsync(DirectoryUser user, CancellationToken cancellationToken)
        {
            shared._users[user.Nick] = user;
            return Task.CompletedTask;
        }

        public Task<DirectoryUser?> FindAsync(string nick, CancellationToken cancellationToken) =>
            shared.Unreachable ? throw new TimeoutException("The directory did not answer.") : Task.FromResult(shared._users.GetValueOrDefault(nick));
    }
}
