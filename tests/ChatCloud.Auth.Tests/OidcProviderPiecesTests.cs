using System.ComponentModel.DataAnnotations;
using ChatCloud.Auth.OpenId;
using Xunit;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ChatCloud.Auth.Tests;

public sealed class OidcProviderPiecesTests
{
    [Theory]
    [InlineData("/connect/authorize?client_id=chatcloud-web&state=x", "/connect/authorize?client_id=chatcloud-web&state=x")]
    [InlineData("https://evil.example/connect/authorize", "/connect/authorize")]
    [InlineData("//evil.example/connect/authorize", "/connect/authorize")]
    [InlineData("/\\evil.example", "/connect/authorize")]
    [InlineData("/connect/authorize\\..\\x", "/connect/authorize")]
    [InlineData("/accounts", "/connect/authorize")]
    [InlineData("/connect/verify?user_code=ABCD-EFGH", "/connect/verify?user_code=ABCD-EFGH")]
    [InlineData("/connect/verify\\evil", "/connect/authorize")]
    [InlineData(null, "/connect/authorize")]
    public void The_sign_in_page_returns_only_to_the_authorization_endpoint(string? returnUrl, string expected) =>
        Assert.Equal(expected, SignInPage.SafeReturnUrl(returnUrl));

    [Fact]
    public void The_sign_in_page_encodes_what_it_echoes_and_has_no_script()
    {
        var html = SignInHtml.Render("/connect/authorize?a=1&b=\"2\"", "<img src=x onerror=alert(1)>", SignInPage.WrongCredentials, "tok\"en");

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img", html, StringComparison.Ordinal);
        Assert.Contains("value=\"tok&quot;en\"", html, StringComparison.Ordinal);
        Assert.Contains("a=1&amp;b=&quot;2&quot;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_terminal_client_is_public_with_the_device_and_refresh_grants_only_and_no_redirect()
    {
        var descriptor = WebClientRegistrar.DescribeTerminalClient();

        Assert.Equal(("chatcloud-cli", ClientTypes.Public), (descriptor.ClientId, descriptor.ClientType));
        Assert.Null(descriptor.ClientSecret);
        Assert.Empty(descriptor.RedirectUris);
        Assert.Equal(
            [GrantTypes.RefreshToken, GrantTypes.DeviceCode],
            descriptor.Permissions.Where(p => p.StartsWith(Permissions.Prefixes.GrantType, StringComparison.Ordinal))
                .Select(p => p[Permissions.Prefixes.GrantType.Length..]).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Permissions.Endpoints.Authorization, descriptor.Permissions);
    }

    [Fact]
    public void The_web_client_is_public_requires_PKCE_and_has_only_the_code_and_refresh_grants()
    {
        var descriptor = WebClientRegistrar.Describe(new WebClientOptions { RedirectUris = [WebClientOptions.DefaultRedirectUri] });

        Assert.Equal(ClientTypes.Public, descriptor.ClientType);
        Assert.Null(descriptor.ClientSecret);
        Assert.Contains(Requirements.Features.ProofKeyForCodeExchange, descriptor.Requirements);
        Assert.Equal([Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken],
            descriptor.Permissions.Where(p => p.StartsWith(Permissions.Prefixes.GrantType, StringComparison.Ordinal)).Order());
        Assert.Equal([WebClientOptions.DefaultRedirectUri], descriptor.RedirectUris);
    }

    [Fact]
    public void Options_without_an_issuer_or_with_inconsistent_lifetimes_do_not_validate()
    {
        var missingIssuer = new OidcOptions { WebClient = { RedirectUris = [WebClientOptions.DefaultRedirectUri] } };
        var badLifetimes = new OidcOptions
        {
            Issuer = new Uri("https://auth.example/"),
            AccessTokenLifetime = TimeSpan.FromHours(1),
            RefreshTokenLifetime = TimeSpan.FromMinutes(30),
            WebClient = { RedirectUris = [WebClientOptions.DefaultRedirectUri] },
        };
        var good = new OidcOptions { Issuer = new Uri("https://auth.example/"), WebClient = { RedirectUris = [WebClientOptions.DefaultRedirectUri] } };

        Assert.False(IsValid(missingIssuer));
        Assert.False(IsValid(badLifetimes));
        Assert.True(IsValid(good));
    }

    private static bool IsValid(OidcOptions options) =>
        Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true);
}
