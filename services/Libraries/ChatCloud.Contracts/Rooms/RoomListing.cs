namespace ChatCloud.Contracts.Rooms;

/// <summary>
/// One room as LIST shows it (RPL_LIST 322): its name, how many members it has, its topic (empty
/// when none) and whether it is secret (<c>+s</c>), which only its members are ever shown.
/// </summary>
public sealed record RoomListing(string Name, int Members, string Topic, bool Secret);

/// <summary>The authority's bounds on one LIST: it never returns more rooms than <see cref="MaxRooms"/>.</summary>
public static class RoomListLimits
{
    public const int MaxRooms = 1000;

    /// <summary>The most masks one LIST may carry (<c>LIST #a*,#b*,…</c>); more are not looked at.</summary>
    public const int MaxMasks = 20;
}
