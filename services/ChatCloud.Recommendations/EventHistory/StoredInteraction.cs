namespace ChatCloud.Recommendations.EventHistory;

/// <summary>
/// One thing an account did, as the event consumers store it (<see cref="InteractionStore"/>):
/// <see cref="Target"/> is a folded room name, or for <see cref="InteractionKinds.Direct"/> the folded
/// account name written to. <see cref="Weight"/> is what the row adds to the visit it belongs to
/// (<see cref="EventLogBuilder"/>): a message 1, a join or a read 0, since they mark a visit and
/// messages measure it. <see cref="EventId"/> is the event's id, so a redelivered or replayed event adds nothing.
/// </summary>
public sealed record StoredInteraction(
    Guid EventId, string Account, string? AccountName, string Kind, string Target, float Weight, DateTimeOffset OccurredAt);

public static class InteractionKinds
{
    public const string Join = "join";
    public const string Message = "message";
    public const string Read = "read";
    public const string Direct = "direct";

    /// <summary>What a row of the kind adds to its visit's weight.</summary>
    public static float WeightOf(string kind) => kind == Message ? 1f : 0f;
}
