namespace ChatCloud.Contracts.Rooms;

/// <summary>
/// An event about one room. The bus routes it by its room's topic (ChatCloud.Messaging's
/// <c>RoomTopics</c>), so an edge that binds only the rooms its users are in receives nothing of the others.
/// </summary>
public interface IRoomScoped
{
    string Room { get; }

    /// <summary>
    /// This one event goes to every edge, not only to those with the room's users: an INVITE must reach
    /// the invited user, who is seldom in the room, wherever they are connected.
    /// </summary>
    bool ForEveryEdge => false;
}
