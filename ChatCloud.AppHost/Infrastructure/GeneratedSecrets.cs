using Aspire.Hosting.ApplicationModel;

namespace ChatCloud.AppHost.Infrastructure;

public static class GeneratedSecrets
{
    /// <summary>
    /// A secret parameter. In a local run its value, unless configured, is generated once and kept in
    /// the state folder (<see cref="LocalSecrets"/>), so the next run presents the same password to the
    /// same data. In a published manifest it is an input the deployment supplies.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddGeneratedSecret(this IDistributedApplicationBuilder builder, ChatCloudHostSettings settings, string name)
    {
        var key = $"Parameters:{name}";
        if (builder.ExecutionContext.IsRunMode && string.IsNullOrEmpty(builder.Configuration[key]))
        {
            builder.Configuration[key] = LocalSecrets.Open(settings.EnsureStateDirectory()).GetOrCreate(name);
        }
        return builder.AddParameter(name, secret: true);
    }
}
