using System.Xml.Linq;
using Aspire.Hosting.Testing;
using ChatCloud.Auth.DataProtection;
using ChatCloud.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// The auth service's Data Protection key store against the suite's PostgreSQL. Rows this class
/// writes carry its own prefix and are deleted afterwards; the service's real keys are left alone.
/// </summary>
public sealed class PostgresXmlRepositoryTests(ChatCloudSuite suite) : IAsyncLifetime
{
    private readonly string _prefix = "repository-test-" + Guid.NewGuid().ToString("N")[..8] + "-";
    private NpgsqlDataSource? _dataSource;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("Not initialised.");

    [Fact]
    public void An_element_stored_by_one_repository_is_read_by_another()
    {
        new PostgresXmlRepository(DataSource).StoreElement(new XElement("probe", new XAttribute("n", "1")), _prefix + "one");

        var elements = new PostgresXmlRepository(DataSource).GetAllElements();

        Assert.Contains(elements, element => element.Name == "probe" && (string?)element.Attribute("n") == "1");
    }

    [Fact]
    public void Storing_a_name_again_replaces_its_element()
    {
        var repository = new PostgresXmlRepository(DataSource);
        repository.StoreElement(new XElement("probe", new XAttribute("n", "first")), _prefix + "again");
        repository.StoreElement(new XElement("probe", new XAttribute("n", "second")), _prefix + "again");

        var values = repository.GetAllElements().Where(element => element.Name == "probe").Select(element => (string?)element.Attribute("n")).ToList();

        Assert.Contains("second", values);
        Assert.DoesNotContain("first", values);
    }

    [Fact]
    public void A_blank_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PostgresXmlRepository(DataSource).StoreElement(new XElement("probe"), " "));
    }

    [Fact]
    public void What_one_replica_protects_another_unprotects_and_another_application_cannot()
    {
        using var first = Replica(DataProtectionRegistration.ApplicationName);
        using var second = Replica(DataProtectionRegistration.ApplicationName);
        using var stranger = Replica("some-other-application");

        var payload = Protector(first).Protect("signed in as kim");

        Assert.Equal("signed in as kim", Protector(second).Unprotect(payload));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => Protector(stranger).Unprotect(payload));
    }

    private ServiceProvider Replica(string applicationName)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName(applicationName);
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = new PostgresXmlRepository(DataSource));
        return services.BuildServiceProvider();
    }

    private static IDataProtector Protector(ServiceProvider replica) =>
        replica.GetRequiredService<IDataProtectionProvider>().CreateProtector("repository-test");

    public async ValueTask InitializeAsync() =>
        _dataSource = NpgsqlDataSource.Create((await suite.App.GetConnectionStringAsync(ResourceNames.Database, Cancellation))!);

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is null)
        {
            return;
        }
        await using (var cleanup = _dataSource.CreateCommand("DELETE FROM auth.data_protection_keys WHERE friendly_name LIKE $1"))
        {
            cleanup.Parameters.AddWithValue(_prefix + "%");
            await cleanup.ExecuteNonQueryAsync(CancellationToken.None);
        }
        await _dataSource.DisposeAsync();
    }
}
