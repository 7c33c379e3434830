namespace ChatCloud.Recommendations.Data;

/// <summary>
/// One thing a user did with an item (a room): joined, opened or talked in it. Users and items are
/// dense indexes (0..n-1) so features can live in arrays; <see cref="InteractionLog"/> keeps the
/// external ids. <see cref="Weight"/> is how much happened (messages sent), 1 when unknown.
/// </summary>
public readonly record struct Interaction(int User, int Item, long Timestamp, float Weight);

/// <summary>Two users talked to each other (a direct message, a reply): the social signal of issue 7.</summary>
public readonly record struct Contact(int User, int Person, long Timestamp);
