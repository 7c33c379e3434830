using ChatCloud.Auth.Accounts;
using ChatCloud.Auth.Passwords;
using ChatCloud.Messaging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatCloud.Auth.Administration;

/// <summary>
/// On start-up, before the service answers: the auth tables exist, and if no administrator does,
/// the first one is created from configuration. Later administrators are granted by an administrator.
/// </summary>
public sealed partial class FirstAdministratorSeeder(
    NpgsqlDataSource dataSource,
    AccountStore accounts,
    PasswordHasher hasher,
    IOptions<FirstAdministratorOptions> options,
    ILogger<FirstAdministratorSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await AuthSchema.EnsureAsync(dataSource, cancellationToken);
        // The account's event goes through the outbox; its table must exist before the first write.
        await MessagingSchema.EnsureAsync(dataSource, cancellationToken);
        if (await accounts.AnyAdministratorAsync(cancellationToken))
        {
            return;
        }
        var first = options.Value;
        if (!AccountName.IsValid(first.Name))
        {
            throw new InvalidOperationException($"{FirstAdministratorOptions.SectionName}:Name '{first.Name}' is not a valid account name.");
        }
        var created = await accounts.TryCreateAsync(first.Name, first.Name, hasher.Hash(first.Password), [Roles.User, Roles.Admin], cancellationToken);
        if (created is null)
        {
            throw new InvalidOperationException(
                $"No administrator exists and the account '{first.Name}' is taken by a non-administrator; set {FirstAdministratorOptions.SectionName}:Name to a free name.");
        }
        LogCreated(logger, created.Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first administrator account {Name}")]
    private static partial void LogCreated(ILogger logger, string name);
}
