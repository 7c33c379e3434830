using ChatCloud.Auth.Abuse;
using ChatCloud.Auth.Accounts;
using ChatCloud.Auth.AccountSecurity;
using ChatCloud.Auth.AppPasswords;
using ChatCloud.Auth.Administration;
using ChatCloud.Auth.Credentials;
using ChatCloud.Auth.DataProtection;
using ChatCloud.Auth.OpenId;
using ChatCloud.Auth.Passwords;
using ChatCloud.Auth.Privacy;
using ChatCloud.Authentication;
using ChatCloud.Messaging;

namespace ChatCloud.Auth;

public static class AuthRegistration
{
    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(ResourceNames.Database);
        builder.Services.AddGatewayForwarding();
        builder.AddRedisClient(ResourceNames.Cache);
        builder.AddRabbitMQClient(ResourceNames.Messaging);

        builder.Services.AddChatMessaging();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<PasswordHashingOptions>()
            .BindConfiguration(PasswordHashingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<FirstAdministratorOptions>()
            .BindConfiguration(FirstAdministratorOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<PasswordHasher>();
        builder.Services.AddSingleton<AccountStore>();
        builder.Services.AddSingleton<DummyPasswordHash>();
        builder.Services.AddSingleton<PasswordSignIn>();
        builder.Services.AddSingleton<KeycloakPasswordCheck>();
        builder.Services.AddOptions<AbuseOptions>()
            .BindConfiguration(AbuseOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IAttemptStore, RedisAttemptStore>();
        builder.Services.AddSingleton<AbuseGuard>();
        builder.Services.AddSingleton<AppPasswordStore>();
        builder.Services.AddSingleton<AccountChanges>();
        builder.Services.AddSingleton<AccountAdministration>();
        builder.Services.AddScoped<AccountSessions>();
        // The messages service's part of a data export; one deadline per call (MessagesExportClient).
        builder.Services.AddHttpClient<MessagesExportClient>(http =>
        {
            http.BaseAddress = new Uri($"http://{ResourceNames.Messages}/");
            http.Timeout = MessagesExportClient.Timeout + TimeSpan.FromSeconds(1);
        }).AddServiceToken(); // auth proves itself like any service: a client-credentials token from itself
        // Errors of the HTTP API are RFC 9457 problem details, also for unhandled ones.
        builder.Services.AddProblemDetails();
        builder.Services.AddHostedService<FirstAdministratorSeeder>();
        // Before the cookie and antiforgery: they protect with the shared key ring.
        builder.Services.AddSharedDataProtection();
        builder.AddOidcProvider();
        builder.AddAccountAuthentication();
        return builder;
    }
}
