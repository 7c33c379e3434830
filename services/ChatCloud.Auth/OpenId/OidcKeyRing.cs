using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace ChatCloud.Auth.OpenId;

/// <summary>
/// The keys this replica signs, encrypts and publishes with, read from <see cref="IOidcKeyStore"/>
/// at start and again on every <see cref="Reload"/> (<see cref="OidcKeyRefresher"/>), so a replica
/// running past a rotation takes the new key up. When the keys in force change it tells the options
/// system, and OpenIddict's options are built again with them (<see cref="OidcServerConfiguration"/>).
/// Rotation itself is decided by <see cref="KeyRingPlan"/>; docs/security.md says what that implies.
/// </summary>
public sealed partial class OidcKeyRing(IOidcKeyStore store, TimeProvider timeProvider, IOptions<OidcOptions> options, ILogger<OidcKeyRing> logger)
    : IOptionsChangeTokenSource<OpenIddictServerOptions>, IDisposable
{
    private readonly Lock _gate = new();
    private PublishedKeys? _current;
    private CancellationTokenSource _changed = new();

    /// <summary>The keys in force; read from the store the first time (OpenIddict's options are being built then).</summary>
    public PublishedKeys Current
    {
        get
        {
            if (Volatile.Read(ref _current) is { } current)
            {
                return current;
            }
            Reload();
            return _current!;
        }
    }

    public string? Name => Options.DefaultName;

    public IChangeToken GetChangeToken()
    {
        lock (_gate)
        {
            return new CancellationChangeToken(_changed.Token);
        }
    }

    /// <summary>
    /// Reads the store (making a key when the plan says one is due) and swaps the keys in force when
    /// they differ from the last ones. True when they changed.
    /// </summary>
    public bool Reload()
    {
        var now = timeProvider.GetUtcNow();
        var config = options.Value;
        var keys = store.ReadAndAdd(existing => NewKeys(existing, now, config.Keys));
        var published = KeyRingPlan.Publish(keys, now, config.Keys.RetainAfterRotation, config.RefreshTokenLifetime);
        CancellationTokenSource? changed = null;
        lock (_gate)
        {
            if (_current is not null && _current.SameKeysAs(published))
            {
                return false;
            }
            var first = _current is null;
            Volatile.Write(ref _current, published);
            if (!first)
            {
                changed = _changed;
                _changed = new CancellationTokenSource();
            }
        }
        LogInForce(logger, published.Signing.Current.Id, published.Signing.Others.Count, published.Encryption.Current.Id);
        // Outside the lock: cancelling runs the options monitor's callbacks, which read Current.
        changed?.Cancel();
        changed?.Dispose();
        return true;
    }

    private List<StoredKey> NewKeys(IReadOnlyList<StoredKey> existing, DateTimeOffset now, SigningKeyOptions keys)
    {
        var added = new List<StoredKey>();
        foreach (var use in new[] { KeyUse.Signing, KeyUse.Encryption })
        {
            if (KeyRingPlan.NextKeyActivation(existing.Where(key => key.Use == use).ToList(), now, keys) is { } activatesAt)
            {
                var key = PostgresOidcKeyStore.Create(use, now, activatesAt);
                added.Add(key);
                LogCreated(logger, use, key.Id, activatesAt);
            }
        }
        return added;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _changed.Dispose();
        }
    }

    public static RsaSecurityKey ToSecurityKey(StoredKey key)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(key.PrivateKeyPem);
        return new RsaSecurityKey(rsa) { KeyId = key.Id };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created OpenID Connect {Use} key {KeyId}, active from {ActivatesAt}")]
    private static partial void LogCreated(ILogger logger, KeyUse use, string keyId, DateTimeOffset activatesAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "OpenID Connect keys in force: signing {SigningKeyId} (+{OtherSigningKeys} published), encryption {EncryptionKeyId}")]
    private static partial void LogInForce(ILogger logger, string signingKeyId, int otherSigningKeys, string encryptionKeyId);
}
