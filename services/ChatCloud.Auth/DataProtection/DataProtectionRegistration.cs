using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChatCloud.Auth.DataProtection;

public static class DataProtectionRegistration
{
    /// <summary>
    /// The application name isolates payloads per application; it must be the same on every
    /// replica (the default is the content root path, which differs between machines and deployments).
    /// </summary>
    public const string ApplicationName = "chatcloud-auth";

    /// <summary>One key ring for every replica and restart, in PostgreSQL (docs/security.md, "Data Protection keys").</summary>
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((options, dataSource) =>
            options.XmlRepository = new PostgresXmlRepository(dataSource));
        return services;
    }
}
