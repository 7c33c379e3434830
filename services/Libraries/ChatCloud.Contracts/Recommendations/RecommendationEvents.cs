namespace ChatCloud.Contracts.Recommendations;

/// <summary>Which kind of suggestion: a room to join or a person (an account id) to talk to.</summary>
public static class SuggestionKind
{
    public const string Room = "room";
    public const string Person = "person";
}

/// <summary>
/// A list of suggestions was served to the account (impressions): <see cref="Targets"/> in the order
/// shown, from model <see cref="ModelVersion"/>; <see cref="Personalised"/> is false for the popular
/// list (opted out, or unknown to the model).
/// </summary>
[EventName("recommendations.shown.v1")]
public sealed record RecommendationsShown(Guid AccountId, string Kind, IReadOnlyList<string> Targets, int ModelVersion, bool Personalised)
    : IntegrationEvent;

/// <summary>The account followed a suggestion (clicked it to join the room or write to the person).</summary>
[EventName("recommendations.clicked.v1")]
public sealed record RecommendationClicked(Guid AccountId, string Kind, string Target, int? ModelVersion) : IntegrationEvent;

/// <summary>The account dismissed a suggestion; it is never suggested to them again.</summary>
[EventName("recommendations.dismissed.v1")]
public sealed record RecommendationDismissed(Guid AccountId, string Kind, string Target) : IntegrationEvent;

/// <summary>
/// The rooms (folded names) the account is predicted to open next, most likely first: a hint for the
/// history service to warm their latest pages (predictive prefetch, docs/ml.md).
/// </summary>
[EventName("recommendations.prefetch-hinted.v1")]
public sealed record PrefetchHinted(Guid AccountId, IReadOnlyList<string> Rooms) : IntegrationEvent;

/// <summary>
/// A model version went into service, with its offline figures (the time split): analytics shows
/// which model is in use and how it scored.
/// </summary>
[EventName("recommendations.model-activated.v1")]
public sealed record ModelActivated(
    int Version, DateTimeOffset TrainedAt, string Protocol, int K, double HitRate, double Ndcg,
    double PopularityHitRate, double RandomHitRate) : IntegrationEvent;
