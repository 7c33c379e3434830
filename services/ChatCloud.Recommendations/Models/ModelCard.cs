using ChatCloud.Recommendations.Evaluation;

namespace ChatCloud.Recommendations.Models;

/// <summary>
/// What is known about one model version, stored beside its ranker (<see cref="ModelStore"/>): when and on what it
/// was trained, the feature schema it expects, and its offline figures (issue 7: "model versions are
/// kept with their evaluation figures"). <see cref="Source"/> is <see cref="TrainingData.Events"/> or
/// <see cref="TrainingData.Generated"/> (null on cards written before the event history existed: generated);
/// <see cref="Events"/> counts the interactions (visits) trained on.
/// </summary>
public sealed record ModelCard(
    int Version,
    DateTimeOffset TrainedAt,
    string DataSource,
    int Events,
    int Users,
    int Items,
    int FeatureSchema,
    double TrainingSeconds,
    EvaluationReport Evaluation,
    string? Source = null);
