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

    /// <summary>
    /// The administrator's <c>auth.account-created.v1</c> is written with its row, and the relay deletes
    /// an outbox row once the broker confirmed it: none of the announcement is left unsent. (Which
    /// consumer got it cannot be checked here: at the first start the announcement can precede the
    /// consumers' queues.)
    /// </summary>
    [Fact]
    public async Task The_first_administrators_announcement_does_not_stay_in_the_outbox()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var dataSource = NpgsqlDataSource.Create((await suite.App.GetConnectionStringAsync(ResourceNames.Database, cancellation))!);
        await using var unsent = dataSource.CreateCommand("""
            SELECT count(*) FROM messaging.outbox
            WHERE event_name = 'auth.account-created.v1' AND payload->>'accountName' = 'admin'
            """);
        await using var account = dataSource.CreateCommand("SELECT count(*) FROM auth.accounts WHERE name = 'admin'");

        // The relay publishes within moments of the commit; wait for it rather than for a fixed time.
        var left = -1L;
        for (var attempt = 0; attempt < 100 && left != 0; attempt++)
        {
            left = (long)(await unsent.ExecuteScalarAsync(cancellation))!;
            if (left != 0)
            {
                await Task.Delay(200, cancellation);
            }
        }

        Assert.Equal(1L, (long)(await account.ExecuteScalarAsync(cancellation))!);
        Assert.Equal(0L, left);
    }

    private string AdminPassword()
    {
        using var secrets = JsonDocument.Parse(File.ReadAllText(Path.Combine(suite.StateDirectory, "secrets.json")));
        return secrets.RootElement.GetProperty("admin-password").GetString()!;
    }
}
