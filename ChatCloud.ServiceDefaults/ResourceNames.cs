namespace ChatCloud;

/// <summary>
/// Names of the resources in the AppHost's graph. They double as connection-string names
/// (<c>ConnectionStrings__chatdb</c>) and service-discovery names (<c>http://auth</c>), so the
/// AppHost, the services and the tests share this one file.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Database = "chatdb";
    public const string Cache = "cache";
    public const string Messaging = "messaging";
    public const string Keycloak = "keycloak";

    public const string TcpEdge = "tcpedge";
    public const string Auth = "auth";
    public const string Messages = "messages";
    public const string History = "history";
    public const string Recommendations = "recommendations";
    public const string Analytics = "analytics";
    public const string Gateway = "gateway";

    /// <summary>The services behind the gateway, in the order the status page lists them.</summary>
    public static readonly IReadOnlyList<string> BackendServices =
        [Auth, Messages, History, Recommendations, Analytics, TcpEdge];
}
