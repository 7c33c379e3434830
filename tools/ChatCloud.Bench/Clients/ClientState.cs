namespace ChatCloud.Bench.Clients;

public enum ClientState
{
    Connecting,
    Registering,
    Registered,
    Joined,

    // Registered, but the server refused the JOIN (ChatCloud's edge answers 421 until rooms are in).
    JoinRefused,
    Failed,
}
