using ChatCloud.Recommendations.Data;

namespace ChatCloud.Recommendations.Models;

/// <summary>The log one training run uses, where it came from (<see cref="Events"/> or <see cref="Generated"/>) and a line for the card.</summary>
public sealed record TrainingData(string Source, string Description, InteractionLog Log)
{
    public const string Events = "events";
    public const string Generated = "generated";
}

/// <summary>
/// What the last choice of training data saw, for the operators' status: the event history's size
/// against the thresholds, how many of its accounts used two rooms (with none, there is nothing to
/// learn from), and which source was taken.
/// </summary>
public sealed record TrainingDataChoice(
    string Source, int EventAccounts, int EventInteractions, int EventAccountsInTwoRooms, int MinAccounts, int MinInteractions, DateTimeOffset ChosenAt);
