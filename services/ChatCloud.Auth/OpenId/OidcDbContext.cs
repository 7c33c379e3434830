using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChatCloud.Auth.OpenId;

/// <summary>
/// OpenIddict's stores (applications, authorizations, scopes, tokens) through its EF Core models,
/// in their own schema <c>oidc</c>; the rest of the service keeps plain Npgsql. EF is used only
/// because OpenIddict's maintained stores are written for it.
/// </summary>
public sealed class OidcDbContext(DbContextOptions<OidcDbContext> options) : DbContext(options)
{
    public const string Schema = "oidc";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.UseOpenIddict();
        base.OnModelCreating(modelBuilder);
    }
}

/// <summary>
/// Creates OpenIddict's tables on first start, from the EF model (no migrations yet: the tables are
/// OpenIddict's, and a later OpenIddict upgrade that changes them brings the first migration).
/// </summary>
public static class OidcSchema
{
    public static async Task EnsureAsync(OidcDbContext db, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Replicas starting together: one creates, the others find the tables made.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('chatcloud.auth.oidc_schema'))", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var exists = new NpgsqlCommand($"SELECT to_regclass('{OidcDbContext.Schema}.\"OpenIddictTokens\"') IS NOT NULL", connection, transaction);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            await using var create = new NpgsqlCommand(db.Database.GenerateCreateScript(), connection, transaction);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
