namespace ChatCloud.Authentication;

/// <summary>
/// The authorization policies every service knows (docs/security.md, "Every service trusts tokens
/// the same way"). Endpoint groups name one of them; an endpoint that names none still needs a valid
/// token (the fallback policy), and only health, discovery and the sign-in pages opt out.
/// </summary>
public static class ChatCloudPolicies
{
    /// <summary>A person signed in: role <c>user</c> or <c>admin</c>.</summary>
    public const string User = "user";

    /// <summary>An administrator: role <c>admin</c>.</summary>
    public const string Admin = "admin";

    /// <summary>Another ChatCloud service, with its own client-credentials token: role <c>service</c>.</summary>
    public const string Service = "service";
}
