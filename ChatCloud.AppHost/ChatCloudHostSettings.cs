using Microsoft.Extensions.Configuration;

namespace ChatCloud.AppHost;

/// <summary>Where the infrastructure comes from: containers when a Docker engine answers, local Debian servers otherwise.</summary>
public enum InfrastructureMode
{
    Auto,
    Containers,
    Local,
}

/// <summary>Who issues the tokens every service trusts: the auth service, or Keycloak's realm <c>chatcloud</c> (container mode only).</summary>
public enum IdentityProviderMode
{
    Builtin,
    Keycloak,
}

/// <summary>The AppHost's own settings, section <c>ChatCloud</c> (appsettings.json, or <c>ChatCloud__Ports__Gateway=…</c>).</summary>
public sealed class ChatCloudHostSettings
{
    public const string SectionName = "ChatCloud";

    public InfrastructureMode Infrastructure { get; set; } = InfrastructureMode.Auto;

    /// <summary><c>ChatCloud:IdentityProvider=Keycloak</c> switches every service's token trust to Keycloak.</summary>
    public IdentityProviderMode IdentityProvider { get; set; } = IdentityProviderMode.Builtin;

    /// <summary>Data of the local servers and generated secrets. Empty: a per-user default, see <see cref="ResolveStateDirectory"/>.</summary>
    public string StateDirectory { get; set; } = "";

    public PortSettings Ports { get; set; } = new();

    public static ChatCloudHostSettings From(IConfiguration configuration)
    {
        var settings = new ChatCloudHostSettings();
        configuration.GetSection(SectionName).Bind(settings);
        return settings;
    }

    /// <summary>Creates the state folder, traversable by the postgres user when the AppHost runs as root.</summary>
    public string EnsureStateDirectory()
    {
        var directory = ResolveStateDirectory();
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return directory;
    }

    /// <summary>
    /// Root keeps its state in <c>/var/lib/chatcloud</c>: PostgreSQL runs as the <c>postgres</c> user and
    /// cannot enter <c>/root</c>. Everyone else uses <c>$XDG_STATE_HOME/chatcloud</c> (default <c>~/.local/state</c>).
    /// </summary>
    public string ResolveStateDirectory()
    {
        if (!string.IsNullOrWhiteSpace(StateDirectory))
        {
            return Path.GetFullPath(StateDirectory);
        }
        if (Environment.UserName == "root")
        {
            return "/var/lib/chatcloud";
        }
        var stateHome = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrWhiteSpace(stateHome))
        {
            stateHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        }
        return Path.Combine(stateHome, "chatcloud");
    }
}

/// <summary>
/// User-facing ports are fixed so people and clients can find them; internal servers sit on high
/// ports away from the defaults (5432, 6379, 5672, 4369) of servers a user may already run.
/// </summary>
public sealed class PortSettings
{
    public int Gateway { get; set; } = 8080;
    public int Irc { get; set; } = 6667;
    public int IrcTls { get; set; } = 6697;
    public int Postgres { get; set; } = 45432;
    public int Redis { get; set; } = 46379;
    public int RabbitMq { get; set; } = 45672;
    public int RabbitMqDistribution { get; set; } = 45673;
    public int Epmd { get; set; } = 45369;
}
