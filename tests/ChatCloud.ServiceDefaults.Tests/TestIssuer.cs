using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Xunit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatCloud.ServiceDefaults.Tests;

/// <summary>
/// A stand-in for Keycloak's realm <c>chatcloud</c> (Keycloak cannot run here): a real HTTP server on
/// loopback with the realm's discovery document, its JWKS and a client credentials token endpoint,
/// signing Keycloak-shaped tokens (issuer <c>…/realms/chatcloud</c>, <c>realm_access.roles</c>,
/// <c>azp</c>, <c>preferred_username</c>) with a test RSA key.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string ServiceClientId = "tcpedge";
    public const string ServiceClientSecret = "a-test-secret-of-some-length";

    /// <summary>The auth service's client, the one allowed the password grant (Keycloak mode's SASL PLAIN).</summary>
    public const string PasswordClientId = "auth";
    public const string PasswordClientSecret = "the-auth-services-test-secret";

    private readonly Dictionary<string, (string Password, Guid Id, string[] Roles)> _users = new(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] SigningAlgorithms = ["RS256"];

    private readonly WebApplication _app;
    private int _tokenRequests;

    private TestIssuer(WebApplication app, string realmPath)
    {
        _app = app;
        Authority = new Uri("http://127.0.0.1" + realmPath);
    }

    /// <summary>The realm's address, known once the server listens on its free port.</summary>
    public Uri Authority { get; private set; }

    public string Issuer => Authority.AbsoluteUri.TrimEnd('/');

    public RsaSecurityKey Key { get; } = new(RSA.Create(2048)) { KeyId = "test-key-1" };

    /// <summary>How often the client credentials grant was asked for.</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public static async Task<TestIssuer> StartAsync(string realmPath = "/realms/chatcloud")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new TestIssuer(app, realmPath);
        issuer.Map(realmPath);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        issuer.Authority = new Uri(address.TrimEnd('/') + realmPath);
        return issuer;
    }

    private void Map(string realmPath)
    {
        _app.MapGet(realmPath + "/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = Issuer + "/protocol/openid-connect/certs",
            ["token_endpoint"] = Issuer + "/protocol/openid-connect/token",
            ["authorization_endpoint"] = Issuer + "/protocol/openid-connect/auth",
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
        }));
        _app.MapGet(realmPath + "/protocol/openid-connect/certs", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(Key.Rsa.ExportParameters(false)) { KeyId = Key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        _app.MapPost(realmPath + "/protocol/openid-connect/token", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref _tokenRequests);
            var form = await request.ReadFormAsync();
            if (form["grant_type"] == "password")
            {
                return PasswordGrant(form);
            }
            if (form["grant_type"] != "client_credentials" || form["client_id"] != ServiceClientId || form["client_secret"] != ServiceClientSecret)
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: StatusCodes.Status401Unauthorized);
            }
            var token = Issue(subject: Guid.NewGuid().ToString(), name: "service-account-" + ServiceClientId, roles: ["service"]);
            return Results.Json(new { access_token = token, expires_in = 300, token_type = "Bearer" });
        });
    }

    /// <summary>A user of the realm, for the password grant; answers its <c>sub</c>.</summary>
    public Guid AddUser(string name, string password, params string[] roles)
    {
        var id = Guid.NewGuid();
        _users[name] = (password, id, roles);
        return id;
    }

    // As Keycloak answers: the client authenticated first, then 401 invalid_grant for any bad user credentials.
    private IResult PasswordGrant(IFormCollection form)
    {
        if (form["client_id"] != PasswordClientId || form["client_secret"] != PasswordClientSecret)
        {
            return Results.Json(new { error = "unauthorized_client" }, statusCode: StatusCodes.Status401Unauthorized);
        }
        if (!_users.TryGetValue(form["username"].ToString(), out var user) || user.Password != form["password"])
        {
            return Results.Json(new { error = "invalid_grant", error_description = "Invalid user credentials" }, statusCode: StatusCodes.Status401Unauthorized);
        }
        var name = _users.Keys.First(key => string.Equals(key, form["username"], StringComparison.OrdinalIgnoreCase));
        return Results.Json(new { access_token = Issue(user.Id.ToString(), name, user.Roles), expires_in = 300, token_type = "Bearer" });
    }

    /// <summary>A token as Keycloak writes it; each parameter can be bent to make a bad one.</summary>
    public string Issue(string subject, string name, string[] roles, string? audience = "chatcloud", string? issuer = null,
        TimeSpan? lifetime = null, DateTime? now = null, SecurityKey? key = null)
    {
        var issuedAt = now ?? DateTime.UtcNow;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["sub"] = subject,
            ["preferred_username"] = name,
            ["name"] = "Full Name Of " + name,
            ["azp"] = "chatcloud-web",
            ["typ"] = "Bearer",
            ["realm_access"] = new Dictionary<string, object> { ["roles"] = roles },
            ["scope"] = "openid profile",
        };
        if (audience is not null)
        {
            claims["aud"] = new[] { audience, "account" };
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Claims = claims,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + (lifetime ?? TimeSpan.FromMinutes(5)),
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A token shaped like the built-in provider's: one <c>role</c> claim per role, the account name in <c>name</c>.</summary>
    public string IssueBuiltin(string subject, string name, string[] roles)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("name", name), new Claim("aud", "chatcloud"),
                .. roles.Select(role => new Claim("role", role))]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
            TokenType = "at+jwt",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Key.Rsa.Dispose();
    }
}
