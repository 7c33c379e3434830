using ChatCloud.Auth.OpenId;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenIddict.Server;
using Xunit;

namespace ChatCloud.Auth.Tests;

/// <summary>Running replicas take rotated keys up on reload (issue 4: "JWKS with key rotation"), with fake time.</summary>
public sealed class OidcKeyRingTests
{
    private static readonly OidcOptions Options = new()
    {
        Issuer = new Uri("https://auth.example/"),
        AccessTokenLifetime = TimeSpan.FromMinutes(10),
        RefreshTokenLifetime = TimeSpan.FromDays(14),
        WebClient = { RedirectUris = [WebClientOptions.DefaultRedirectUri] },
        Keys = new SigningKeyOptions
        {
            RotateAfter = TimeSpan.FromDays(30),
            PublishAhead = TimeSpan.FromDays(2),
            RetainAfterRotation = TimeSpan.FromHours(2),
            ReloadEvery = TimeSpan.FromHours(1),
        },
    };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryOidcKeyStore _store = new();

    private OidcKeyRing Replica() =>
        new(_store, _time, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<OidcKeyRing>.Instance);

    [Fact]
    public void The_options_are_valid() =>
        Assert.True(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(Options, new(Options), [], validateAllProperties: true));

    [Fact]
    public void Two_replicas_reloading_at_different_moments_publish_every_key_before_either_signs_and_keep_it_while_its_tokens_live()
    {
        var replicas = new[] { Replica(), Replica() };
        var published = replicas.Select(ring => ring.Current).ToArray();
        var firstPublished = new Dictionary<string, DateTimeOffset>();
        var firstSigned = new Dictionary<string, DateTimeOffset>();
        var tokensLiveUntil = new Dictionary<string, DateTimeOffset>();
        var half = Options.Keys.ReloadEvery / 2;

        for (var step = 0; step < 2 * 100 * 24; step++) // 100 days, each replica reloading hourly, half an hour apart
        {
            _time.Advance(half);
            var index = step % 2;
            replicas[index].Reload();
            published[index] = replicas[index].Current;
            var now = _time.GetUtcNow();

            foreach (var key in published[index].Signing.All)
            {
                firstPublished.TryAdd(key.Id, now);
            }
            // Whatever any replica signs with now, every replica's JWKS holds it now.
            var signing = published[index].Signing.Current.Id;
            firstSigned.TryAdd(signing, now);
            tokensLiveUntil[signing] = now + Options.AccessTokenLifetime;
            foreach (var replica in published)
            {
                Assert.Contains(signing, replica.Signing.All.Select(key => key.Id));
            }
            // Every token signed earlier that has not expired still validates at this replica.
            foreach (var (keyId, until) in tokensLiveUntil.Where(token => token.Value >= now))
            {
                Assert.Contains(keyId, published[index].Signing.All.Select(key => key.Id));
            }
        }

        Assert.True(firstSigned.Count >= 3, $"Only {firstSigned.Count} keys signed in 100 days with a 30-day rotation.");
        foreach (var (keyId, signedAt) in firstSigned.Skip(1))
        {
            // Published at least PublishAhead (less the reload lag) before the first signature.
            Assert.True(signedAt - firstPublished[keyId] >= Options.Keys.PublishAhead - Options.Keys.ReloadEvery,
                $"Key {keyId} was published at {firstPublished[keyId]} and signed at {signedAt}.");
        }
    }

    [Fact]
    public void A_reload_signals_a_change_only_when_the_keys_in_force_change()
    {
        var ring = Replica();
        var started = ring.Current;
        var unchanged = ring.GetChangeToken();

        Assert.False(ring.Reload());
        Assert.False(unchanged.HasChanged);

        // The successor is made PublishAhead before the rotation and published at once.
        _time.Advance(Options.Keys.RotateAfter - Options.Keys.PublishAhead);
        Assert.True(ring.Reload());
        Assert.True(unchanged.HasChanged);
        Assert.Equal(started.Signing.Current.Id, ring.Current.Signing.Current.Id);
        var successor = Assert.Single(ring.Current.Signing.Others);

        _time.Advance(Options.Keys.PublishAhead);
        Assert.True(ring.Reload());
        Assert.Equal(successor.Id, ring.Current.Signing.Current.Id);
        Assert.Contains(started.Signing.Current.Id, ring.Current.Signing.Others.Select(key => key.Id));
    }

    [Fact]
    public void OpenIddict_options_are_built_again_with_the_new_signing_key_after_a_reload()
    {
        var ring = Replica();
        using var services = new ServiceCollection()
            .AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(new OidcServerConfiguration(Microsoft.Extensions.Options.Options.Create(Options), ring))
            .AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(ring)
            .AddOptions()
            .BuildServiceProvider();
        var monitor = services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>();
        var before = monitor.CurrentValue.SigningCredentials[0].Kid;

        _time.Advance(Options.Keys.RotateAfter - Options.Keys.PublishAhead);
        ring.Reload();
        var published = monitor.CurrentValue.SigningCredentials.Select(credentials => credentials.Kid).ToList();
        _time.Advance(Options.Keys.PublishAhead);
        ring.Reload();
        var after = monitor.CurrentValue.SigningCredentials[0].Kid;

        Assert.Equal(before, published[0]);
        Assert.Equal(2, published.Count);
        Assert.NotEqual(before, after);
        Assert.Equal(published[1], after);
    }

    [Fact]
    public async Task The_refresher_reloads_every_interval()
    {
        var ring = Replica();
        _ = ring.Current;
        using var refresher = new OidcKeyRefresher(ring, _time, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<OidcKeyRefresher>.Instance);
        await refresher.StartAsync(TestContext.Current.CancellationToken);
        var readsBefore = _store.Reads;

        for (var tick = 1; tick <= 3; tick++)
        {
            _time.Advance(Options.Keys.ReloadEvery);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (_store.Reads < readsBefore + tick && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10, TestContext.Current.CancellationToken);
            }
        }
        await refresher.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(readsBefore + 3, _store.Reads);
    }
}
