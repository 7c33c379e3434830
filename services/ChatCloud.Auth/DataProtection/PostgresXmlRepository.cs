using System.Collections.ObjectModel;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace ChatCloud.Auth.DataProtection;

/// <summary>
/// The Data Protection key ring in <c>auth.data_protection_keys</c>, so the sign-in cookie, the
/// antiforgery tokens and everything else Data Protection protects survive a restart and are read
/// by every replica. Data Protection itself decides when to make a key (every 90 days) and asks this
/// repository again when it meets a key it does not know, so a key one replica made reaches the others.
/// </summary>
/// <remarks>
/// <see cref="IXmlRepository"/> is synchronous: Data Protection reads the ring rarely (at start, then
/// once a day or on an unknown key) and writes it only when it makes or revokes a key.
/// </remarks>
public sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    private const string Ddl = """
        CREATE SCHEMA IF NOT EXISTS auth;
        CREATE TABLE IF NOT EXISTS auth.data_protection_keys (
            friendly_name text PRIMARY KEY,
            xml           text NOT NULL,
            stored_at     timestamptz NOT NULL DEFAULT now()
        );
        """;

    private volatile bool _tableExists;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureTable();
        using var command = dataSource.CreateCommand("SELECT xml FROM auth.data_protection_keys ORDER BY stored_at, friendly_name");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }
        return new ReadOnlyCollection<XElement>(elements);
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentException.ThrowIfNullOrWhiteSpace(friendlyName);
        EnsureTable();
        // Names are unique per key ("key-<guid>") or revocation; storing one again replaces it.
        using var command = dataSource.CreateCommand("""
            INSERT INTO auth.data_protection_keys (friendly_name, xml) VALUES ($1, $2)
            ON CONFLICT (friendly_name) DO UPDATE SET xml = EXCLUDED.xml
            """);
        command.Parameters.AddWithValue(friendlyName);
        command.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    private void EnsureTable()
    {
        if (_tableExists)
        {
            return;
        }
        using var command = dataSource.CreateCommand(Ddl);
        command.ExecuteNonQuery();
        _tableExists = true;
    }
}
