using ChatCloud.Contracts.Activity;
using ChatCloud.Contracts.Auth;
using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using ChatCloud.Recommendations.Api;
using ChatCloud.Recommendations.EventHistory;

namespace ChatCloud.Recommendations.Online;

/// <summary>
/// Feeds the online features from the bus (issue 7, "Real time"): joins, parts, reads, room messages
/// and direct messages become Redis state within moments, and rows of the event history the model
/// trains on (<see cref="InteractionStore"/>, keyed by event id). An account that opted out of
/// personalisation is not recorded (only the rooms' hourly counts, which are about no one, still
/// grow). Redelivery is harmless: every write is a set or a trimmed list keyed by time, and the one
/// counter is guarded by the event id (<see cref="OnlineActivity.CountAsync"/>) or, for room
/// messages, by the room's sequence (<see cref="OnlineActivity.CountMessagesAsync"/>).
/// </summary>
public sealed class RoomJoinedRecorder(OnlineActivity online, SettingsStore settings, NextRoomHints hints, InteractionStore history) : IEventHandler<RoomJoined>
{
    public async Task HandleAsync(RoomJoined joined, EventContext context, CancellationToken cancellationToken)
    {
        await online.CountAsync(joined.Id, joined.Room, joined.OccurredAt);
        var account = Accounts.Key(joined.AccountId);
        if ((await settings.GetAsync(account, cancellationToken)).Personalised)
        {
            await online.ActiveInAsync(account, joined.Room, joined.AccountName, joined.OccurredAt, opened: true);
            await history.AddAsync([new(joined.Id, account, joined.AccountName, InteractionKinds.Join, joined.Room, InteractionKinds.WeightOf(InteractionKinds.Join), joined.OccurredAt)],
                cancellationToken);
            await hints.HintAsync(joined.AccountId, account, cancellationToken);
        }
    }
}

/// <summary>At sign-in the rooms the account will open first are hinted to history, before the client asks for them.</summary>
public sealed class SignedInHinter(SettingsStore settings, NextRoomHints hints) : IEventHandler<SignedIn>
{
    public async Task HandleAsync(SignedIn signedIn, EventContext context, CancellationToken cancellationToken)
    {
        var account = Accounts.Key(signedIn.AccountId);
        if ((await settings.GetAsync(account, cancellationToken)).Personalised)
        {
            await hints.HintAsync(signedIn.AccountId, account, cancellationToken, atSignIn: true);
        }
    }
}

public sealed class RoomLeftRecorder(OnlineActivity online) : IEventHandler<RoomLeft>
{
    public Task HandleAsync(RoomLeft left, EventContext context, CancellationToken cancellationToken) =>
        online.LeftAsync(Accounts.Key(left.AccountId), left.Room);
}

/// <summary>A room read is a room opened: the input of next-room prediction, which is refreshed and hinted to history at once.</summary>
public sealed class RoomReadRecorder(OnlineActivity online, SettingsStore settings, NextRoomHints hints, InteractionStore history) : IEventHandler<RoomRead>
{
    public async Task HandleAsync(RoomRead read, EventContext context, CancellationToken cancellationToken)
    {
        var account = Accounts.Key(read.AccountId);
        if (read.Target == RoomRead.Direct || !(await settings.GetAsync(account, cancellationToken)).Personalised)
        {
            return;
        }
        await online.OpenedAsync(account, read.Target);
        await history.AddAsync([new(read.Id, account, null, InteractionKinds.Read, read.Target, InteractionKinds.WeightOf(InteractionKinds.Read), read.OccurredAt)],
            cancellationToken);
        await hints.HintAsync(read.AccountId, account, cancellationToken);
    }
}

/// <summary>
/// Room messages into the online features, a batch at a time with the Redis calls of the whole batch
/// in flight together: one message at a time, each waiting for its round trips and acknowledged on
/// its own, took CPU the message pipeline itself needs (measured: docs/benchmarks.md). The batch's
/// rows of the event history are one insert.
/// </summary>
public sealed class RoomMessageRecorder(OnlineActivity online, SettingsStore settings, InteractionStore history) : IBatchEventHandler<MessageStored>
{
    public async Task HandleBatchAsync(IReadOnlyList<EventDelivery<MessageStored>> batch, CancellationToken cancellationToken)
    {
        var messages = batch.Select(delivery => delivery.Event).Where(stored => stored.Kind is "PRIVMSG" or "NOTICE").ToList();
        // Each author's setting once per batch.
        var personalised = new Dictionary<Guid, bool>();
        foreach (var id in messages.Select(stored => stored.AuthorAccountId).OfType<Guid>().Distinct())
        {
            personalised[id] = (await settings.GetAsync(Accounts.Key(id), cancellationToken)).Personalised;
        }
        // Counted per room by sequence (no key per message), and each author's latest activity in each
        // room once: the older ones of the batch would only be overwritten.
        await online.CountMessagesAsync(messages.Select(stored => (IrcCaseMapping.Rfc1459.Fold(stored.Room), stored.Sequence, stored.ServerTime)));
        await Task.WhenAll(messages
            .Where(stored => stored.AuthorAccountId is { } id && personalised[id])
            .GroupBy(stored => (Account: stored.AuthorAccountId!.Value, Room: IrcCaseMapping.Rfc1459.Fold(stored.Room)))
            .Select(group => (group.Key, Latest: group.MaxBy(stored => stored.Sequence)!))
            .Select(active => online.ActiveInAsync(Accounts.Key(active.Key.Account), active.Key.Room, active.Latest.AuthorAccount, active.Latest.ServerTime)));
        await history.AddAsync([.. messages
            .Where(stored => stored.AuthorAccountId is { } id && personalised[id])
            .Select(stored => new StoredInteraction(stored.Id, Accounts.Key(stored.AuthorAccountId!.Value), stored.AuthorAccount, InteractionKinds.Message,
                IrcCaseMapping.Rfc1459.Fold(stored.Room), InteractionKinds.WeightOf(InteractionKinds.Message), stored.ServerTime))], cancellationToken);
    }
}

/// <summary>Who an account writes to directly: its contacts (account names, folded). Guests have no lasting identity and are not kept.</summary>
public sealed class DirectMessageRecorder(OnlineActivity online, SettingsStore settings, InteractionStore history) : IEventHandler<DirectMessageStored>
{
    public async Task HandleAsync(DirectMessageStored stored, EventContext context, CancellationToken cancellationToken)
    {
        if (stored.Kind is not ("PRIVMSG" or "NOTICE") || stored.AuthorAccountId is not { } id || stored.AuthorAccount is not { } author)
        {
            return;
        }
        var own = DirectConversation.Party(IrcCaseMapping.Rfc1459.Fold(author), "");
        if (DirectConversation.OtherParty(stored.Conversation, own) is { } other && other != own && other.StartsWith("a:", StringComparison.Ordinal)
            && (await settings.GetAsync(Accounts.Key(id), cancellationToken)).Personalised)
        {
            await online.ContactedAsync(Accounts.Key(id), DirectConversation.NameOf(other), stored.ServerTime);
            await history.AddAsync([new(stored.Id, Accounts.Key(id), author, InteractionKinds.Direct, DirectConversation.NameOf(other),
                InteractionKinds.WeightOf(InteractionKinds.Direct), stored.ServerTime)], cancellationToken);
        }
    }
}

/// <summary>How an account is keyed here: its id as the token's <c>sub</c> writes it.</summary>
public static class Accounts
{
    public static string Key(Guid account) => account.ToString("D");

    /// <summary>A token's subject in the same form as <see cref="Key(Guid)"/> when it is a UUID (ours and Keycloak's are).</summary>
    public static string Key(string subject) => Guid.TryParse(subject, out var id) ? Key(id) : subject;
}

/// <summary>
/// A deleted account (docs/privacy.md) leaves nothing here: its online features, its place among
/// rooms' members, its settings, its dismissals, its rows of the event history and the direct messages
/// written to it there. What the trained model learned from it goes at the next retraining, whose data
/// no longer holds it.
/// </summary>
public sealed class DeletedAccountForgetter(OnlineActivity online, SettingsStore settings, DismissalStore dismissals, InteractionStore history)
    : IEventHandler<AccountDeleted>
{
    public async Task HandleAsync(AccountDeleted deleted, EventContext context, CancellationToken cancellationToken)
    {
        var account = Accounts.Key(deleted.AccountId);
        await online.ForgetAsync(account);
        await settings.DeleteAsync(account, cancellationToken);
        await dismissals.ForgetAccountAsync(account, cancellationToken);
        await history.ForgetAccountAsync(account, IrcCaseMapping.Rfc1459.Fold(deleted.AccountName), cancellationToken);
    }
}
