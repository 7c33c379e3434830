using ChatCloud.Recommendations.Evaluation;

namespace ChatCloud.Recommendations.Models;

/// <summary>
/// What is known about one model version, stored beside it as <c>card.json</c>: when and on what it
/// was trained, the feature schema it expects, and its offline figures (issue 7: "model versions are
/// kept with their evaluation figures").
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
    EvaluationReport Evaluation);
