namespace ChatCloud.Auth.OpenId;

public enum KeyUse
{
    Signing,
    Encryption,
}

/// <summary>One RSA key of <c>auth.oidc_keys</c>; the private part stays in the auth service.</summary>
public sealed record StoredKey(string Id, KeyUse Use, string PrivateKeyPem, DateTimeOffset CreatedAt, DateTimeOffset ActivatesAt);

/// <summary>The keys of one use in force now: the one that signs (or encrypts), then the others still accepted.</summary>
public sealed record KeySelection(StoredKey Current, IReadOnlyList<StoredKey> Others)
{
    public IEnumerable<StoredKey> All => Others.Prepend(Current);
}

/// <summary>What a replica uses and publishes at one moment: the signing keys (the JWKS) and the encryption keys.</summary>
public sealed record PublishedKeys(KeySelection Signing, KeySelection Encryption)
{
    /// <summary>The same keys in the same roles: nothing for OpenIddict to take up.</summary>
    public bool SameKeysAs(PublishedKeys other) =>
        Same(Signing, other.Signing) && Same(Encryption, other.Encryption);

    private static bool Same(KeySelection left, KeySelection right) =>
        left.Current.Id == right.Current.Id
        && left.Others.Select(key => key.Id).Order(StringComparer.Ordinal).SequenceEqual(right.Others.Select(key => key.Id).Order(StringComparer.Ordinal));
}

/// <summary>
/// Rotation as a pure decision over the stored keys and the time, so it is tested without a database.
/// A new key is published <see cref="SigningKeyOptions.PublishAhead"/> before it signs (validators
/// cache the JWKS) and an old one stays accepted for a retention time after its successor took over
/// (tokens it signed are still in use). Every replica applies it again on each reload
/// (<see cref="OidcKeyRefresher"/>), so the switch happens within one reload interval everywhere.
/// </summary>
public static class KeyRingPlan
{
    /// <summary>When the key to create now should take over, or null when the ring needs no new key.</summary>
    public static DateTimeOffset? NextKeyActivation(IReadOnlyCollection<StoredKey> keys, DateTimeOffset now, SigningKeyOptions options)
    {
        var newest = keys.MaxBy(key => key.ActivatesAt);
        if (newest is null || !keys.Any(key => key.ActivatesAt <= now))
        {
            // Nothing can sign: a key is needed at once (first start, or every key is still pending).
            return newest is null || newest.ActivatesAt > now + options.PublishAhead ? now : null;
        }
        if (newest.ActivatesAt > now)
        {
            return null; // the successor is already published and waiting
        }
        return now - newest.ActivatesAt >= options.RotateAfter - options.PublishAhead ? now + options.PublishAhead : null;
    }

    /// <summary>
    /// Both uses at <paramref name="now"/>. Encryption keys are kept for a refresh token's whole life:
    /// codes and refresh tokens they encrypted must stay readable that long.
    /// </summary>
    public static PublishedKeys Publish(IReadOnlyCollection<StoredKey> keys, DateTimeOffset now, TimeSpan signingRetention, TimeSpan encryptionRetention) => new(
        Select(keys.Where(key => key.Use == KeyUse.Signing).ToList(), now, signingRetention),
        Select(keys.Where(key => key.Use == KeyUse.Encryption).ToList(), now, encryptionRetention));

    public static KeySelection Select(IReadOnlyCollection<StoredKey> keys, DateTimeOffset now, TimeSpan retention)
    {
        var ordered = keys.OrderByDescending(key => key.ActivatesAt).ToList();
        var current = ordered.FirstOrDefault(key => key.ActivatesAt <= now)
            ?? throw new InvalidOperationException("No key is active; NextKeyActivation should have made one.");
        var others = new List<StoredKey>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var key = ordered[i];
            if (key == current)
            {
                continue;
            }
            // Pending keys are accepted ahead; a replaced key until its successor has signed for the retention time.
            var successor = i > 0 ? ordered[i - 1] : null;
            if (key.ActivatesAt > now || (successor is not null && successor.ActivatesAt + retention > now))
            {
                others.Add(key);
            }
        }
        return new KeySelection(current, others);
    }
}
