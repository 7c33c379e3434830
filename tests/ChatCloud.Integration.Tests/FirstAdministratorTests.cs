using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Npgsql;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>The auth service creates the first administrator on first start, from the AppHost's generated secret.</summary>
public sealed class FirstAdministratorTests(ChatCloudSuite suite)
{
    [Fact]
    public async Task The_first_administrator_exists_with_an_Argon2id_hash_and_the_admin_role()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var connectionString = await suite.App.GetConnectionStringAsync(ResourceNames.Database, cancellation);
        await using var dataSource = NpgsqlDataSource.Create(connectionString!);
        // The earliest administrator; later ones are promoted by an administrator (ServiceTrustTests does).
        await using var command = dataSource.CreateCommand("SELECT name, roles, password_hash FROM auth.accounts WHERE 'admin' = ANY (roles) ORDER BY created_at LIMIT 1");

        await using var reader = await command.ExecuteReaderAsync(cancellation).WaitAsync(Deadlines.Request, cancellation);
        Assert.True(await reader.ReadAsync(cancellation));
        var (name, roles, hash) = (reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.GetString(2));

        Assert.Equal("admin", name);
        Assert.Equal(["user", "admin"], roles);
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", hash, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminPassword(), hash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_the_first_administrator_announced_it_on_the_bus_through_the_outbox()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var dataSource = NpgsqlDataSource.Create((await suite.App.GetConnectionStringAsync(ResourceNames.Database, cancellation))!);
        await using var command = dataSource.CreateCommand("""
            SELECT payload->>'accountName', published_at IS NOT NULL
            FROM messaging.outbox WHERE event_name = 'auth.account-created.v1'
            ORDER BY created_at, occurred_at LIMIT 1
            """);

        // Other tests create accounts too; the administrator's is the first, made at start-up.
        // The relay publishes within moments of the commit; wait for it rather than for a fixed time.
        (string Name, bool Published)? row = null;
        for (var attempt = 0; attempt < 100 && row is not { Published: true }; attempt++)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellation);
            row = await reader.ReadAsync(cancellation) ? (reader.GetString(0), reader.GetBoolean(1)) : null;
            if (row is not { Published: true })
            {
                await Task.Delay(200, cancellation);
            }
        }

        Assert.Equal(("admin", true), row);
    }

    private string AdminPassword()
    {
        using var secrets = JsonDocument.Parse(File.ReadAllText(Path.Combine(suite.StateDirectory, "secrets.json")));
        return secrets.RootElement.GetProperty("admin-password").GetString()!;
    }
}
