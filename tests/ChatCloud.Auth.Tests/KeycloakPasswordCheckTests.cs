using ChatCloud.Auth.Credentials;
using ChatCloud.Authentication;
using ChatCloud.ServiceDefaults.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ChatCloud.Auth.Tests;

/// <summary>
/// Keycloak mode's SASL PLAIN: the auth service asks the realm's token endpoint with the password
/// grant (against <see cref="TestIssuer"/>, a realm served over real HTTP, as Keycloak cannot run
/// here) and signs in the account Keycloak's token names, with its realm roles.
/// </summary>
public sealed class KeycloakPasswordCheckTests : IAsyncLifetime
{
    private TestIssuer _issuer = null!;
    private IHost _host = null!;

    private KeycloakPasswordCheck Check => _host.Services.GetRequiredService<KeycloakPasswordCheck>();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _host = await StartHostAsync(_issuer.Authority, TestIssuer.PasswordClientSecret);
    }

    private static async Task<IHost> StartHostAsync(Uri authority, string secret)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Identity:Provider"] = "Keycloak",
            ["Identity:Authority"] = authority.AbsoluteUri,
            ["Identity:Audience"] = "chatcloud",
            ["Identity:RequireHttpsMetadata"] = "false",
            ["Identity:ClientId"] = TestIssuer.PasswordClientId,
            ["Identity:ClientSecret"] = secret,
        });
        builder.AddServiceDefaults();
        builder.AddChatCloudTokenTrust();
        builder.Services.AddSingleton<KeycloakPasswordCheck>();
        var host = builder.Build();
        await host.StartAsync(Cancellation);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _issuer.DisposeAsync();
    }

    [Fact]
    public async Task The_right_password_signs_in_the_Keycloak_account_with_its_realm_roles()
    {
        var id = _issuer.AddUser("kc-petra", "petras password", "user", "admin");

        var signIn = await Check.VerifyAsync("kc-petra", "petras password", Cancellation);

        Assert.Equal(KeycloakVerdict.SignedIn, signIn.Verdict);
        Assert.Equal(id, signIn.Account!.Id);
        Assert.Equal("kc-petra", signIn.Account.Name);
        Assert.Equal(["user", "admin"], signIn.Account.Roles);
    }

    [Fact]
    public async Task A_wrong_password_or_an_unknown_name_is_refused()
    {
        _issuer.AddUser("kc-quinn", "quinns password", "user");

        Assert.Equal(KeycloakVerdict.Refused, (await Check.VerifyAsync("kc-quinn", "not quinns", Cancellation)).Verdict);
        Assert.Equal(KeycloakVerdict.Refused, (await Check.VerifyAsync("kc-nobody", "quinns password", Cancellation)).Verdict);
    }

    [Fact]
    public async Task A_realm_that_refuses_this_service_or_cannot_be_reached_is_unavailable_not_a_wrong_password()
    {
        _issuer.AddUser("kc-rosa", "rosas password", "user");
        using var wrongSecret = await StartHostAsync(_issuer.Authority, "not-the-secret");
        var unreachable = await TestIssuer.StartAsync();
        var gone = unreachable.Authority;
        await unreachable.DisposeAsync();
        using var nowhere = await StartHostAsync(gone, TestIssuer.PasswordClientSecret);

        var refusedClient = await wrongSecret.Services.GetRequiredService<KeycloakPasswordCheck>().VerifyAsync("kc-rosa", "rosas password", Cancellation);
        var noRealm = await nowhere.Services.GetRequiredService<KeycloakPasswordCheck>().VerifyAsync("kc-rosa", "rosas password", Cancellation);

        // Keycloak says 401 unauthorized_client for a bad client secret: the service's fault, not a wrong password.
        Assert.Equal(KeycloakVerdict.Unavailable, refusedClient.Verdict);
        Assert.Equal(KeycloakVerdict.Unavailable, noRealm.Verdict);
        await wrongSecret.StopAsync(Cancellation);
        await nowhere.StopAsync(Cancellation);
    }
}
