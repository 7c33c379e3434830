namespace ChatCloud.Bench.Clients;

// How many clients, where each goes, and how fast they may arrive. Client i joins room i mod M, so
// the first S clients (the senders) spread over the rooms.
public sealed record FleetPlan(int Clients, IReadOnlyList<string> Rooms, double ConnectRate, int ConnectConcurrency, TimeSpan Timeout)
{
    public string RoomOf(int client) => Rooms[client % Rooms.Count];

    public int RoomIndexOf(int client) => client % Rooms.Count;

    public static IReadOnlyList<string> RoomNames(string prefix, string runId, int count) =>
        [.. Enumerable.Range(0, count).Select(i => $"#{prefix}-{runId}-{i}")];
}
