using ChatCloud.Recommendations.Data;
using Microsoft.Extensions.Options;

namespace ChatCloud.Recommendations.Models;

/// <summary>
/// Chooses what a training run learns from (docs/ml.md, "Training data"): the event history once it
/// holds <see cref="RecommendationsOptions.TrainingMinAccounts"/> accounts with room activity and
/// <see cref="RecommendationsOptions.TrainingMinInteractions"/> interactions, at least one of them in
/// two rooms (the ranker learns from where people went next: one room each is nothing to learn from),
/// otherwise the generated workload, so the service has a model from its first start and a retraining
/// always gives one. The choice and the counts go to the progress log.
/// </summary>
public sealed class TrainingDataSelector(IInteractionSource events, IInteractionSource generated, IOptions<RecommendationsOptions> options, TimeProvider time)
{
    private TrainingDataChoice? _last;

    public TrainingDataChoice? LastChoice => Volatile.Read(ref _last);

    public string GeneratedDescription => generated.Description;

    public async Task<TrainingData> SelectAsync(IProgress<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        progress.Report($"reading {events.Description}");
        var log = await events.ReadAsync(cancellationToken);
        var accounts = ActiveAccounts(log);
        var inTwoRooms = AccountsInTwoRooms(log);
        var settings = options.Value;
        var enough = accounts >= settings.TrainingMinAccounts && log.Interactions.Count >= settings.TrainingMinInteractions;
        var learnable = enough && inTwoRooms > 0;
        var counts = $"{log.Interactions.Count} interactions of {accounts} accounts ({inTwoRooms} in two rooms or more) in {log.ItemCount} rooms, {log.Contacts.Count} contacts";
        Volatile.Write(ref _last, new TrainingDataChoice(learnable ? TrainingData.Events : TrainingData.Generated, accounts, log.Interactions.Count,
            inTwoRooms, settings.TrainingMinAccounts, settings.TrainingMinInteractions, time.GetUtcNow()));
        if (learnable)
        {
            progress.Report($"training on the event history: {counts}");
            return new TrainingData(TrainingData.Events, $"{events.Description}: {counts}", log);
        }
        progress.Report(enough
            ? $"the event history holds {counts}: no account used two rooms, nothing to learn from; training on the {generated.Description}"
            : $"the event history holds {counts}, short of the thresholds ({settings.TrainingMinAccounts} accounts, {settings.TrainingMinInteractions} interactions): training on the {generated.Description}");
        return await ReadAsync(TrainingData.Generated, cancellationToken);
    }

    /// <summary>The log of one source as it is now (a stored version is re-indexed on the data it was trained on).</summary>
    public async Task<TrainingData> ReadAsync(string? source, CancellationToken cancellationToken) => source == TrainingData.Events
        ? new TrainingData(TrainingData.Events, events.Description, await events.ReadAsync(cancellationToken))
        : new TrainingData(TrainingData.Generated, generated.Description, await generated.ReadAsync(cancellationToken));

    /// <summary>Accounts that used two rooms or more: the users the ranker can learn from.</summary>
    public static int AccountsInTwoRooms(InteractionLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.Interactions.GroupBy(i => i.User).Count(user => user.Select(i => i.Item).Distinct().Skip(1).Any());
    }

    /// <summary>Accounts with at least one room interaction (a contact alone gives the ranker nothing).</summary>
    public static int ActiveAccounts(InteractionLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.Interactions.Select(i => i.User).Distinct().Count();
    }
}
