using System.ComponentModel.DataAnnotations;

namespace ChatCloud.Recommendations.Models;

/// <summary>How often the model is retrained and how many versions are kept (docs/ml.md, "Model versions").</summary>
public sealed class RecommendationsOptions
{
    public const string SectionName = "Recommendations";

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan RetrainInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Versions kept in <c>recommendations.model_versions</c>, newest first; older ones are deleted after a successful training.</summary>
    [Range(1, 100)]
    public int KeepVersions { get; set; } = 5;

    /// <summary>Seed of the generated workload the model trains on until the event history holds enough (issue 7).</summary>
    public int WorkloadSeed { get; set; } = 42;

    /// <summary>
    /// The event history is trained on once it holds this many accounts with room activity and
    /// <see cref="TrainingMinInteractions"/> visits (docs/ml.md, "Training data"). Low on purpose: the
    /// generated workload's rooms exist nowhere in the chat, so real history is worth more as soon as
    /// the trainer can learn from it at all, and the card's figures say how good it is.
    /// </summary>
    [Range(1, 1_000_000)]
    public int TrainingMinAccounts { get; set; } = 5;

    [Range(1, 100_000_000)]
    public int TrainingMinInteractions { get; set; } = 20;

    /// <summary>How long interactions are kept for training; older ones are deleted by the retraining job.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan InteractionRetention { get; set; } = TimeSpan.FromDays(180);
}
