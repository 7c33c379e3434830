using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ChatCloud.Auth.DataProtection;
using ChatCloud.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// The sign-in cookie is protected with Data Protection keys kept in PostgreSQL: a browser signed in
/// before the auth service restarts is still signed in after it, and any process holding the
/// key ring in the database (another replica) reads the cookie.
/// </summary>
public sealed class SignInSessionRestartTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sign_in_cookie_from_before_an_auth_restart_is_still_accepted()
    {
        var user = await SignedInUser.CreateAsync(suite, "cookie-kim", "kims password");
        using var browser = new OidcBrowser(user.Authority, user.Gateway);
        await browser.AuthorizeAsync(user.Name, user.Password); // through the sign-in page: the cookie is set

        await RestartAuthAsync();

        // No password asked: the authorization request goes straight back to the client with a code.
        using var again = await browser.GetAsync(browser.AuthorizePath("after-restart"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.StartsWith(browser.RedirectUri + "?", again.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("code=", again.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_cookie_is_read_by_a_process_that_has_only_the_key_ring_in_the_database()
    {
        var user = await SignedInUser.CreateAsync(suite, "cookie-lee", "lees password");
        using var browser = new OidcBrowser(user.Authority, user.Gateway);
        using var challenge = await browser.GetAsync(browser.AuthorizePath("s1"));
        using var signedIn = await browser.SignInAsync(challenge.Headers.Location!.OriginalString, user.Name, user.Password);
        var cookie = signedIn.Headers.GetValues("Set-Cookie")
            .Select(header => header.Split(';')[0])
            .Single(pair => pair.StartsWith(SessionCookie + "=", StringComparison.Ordinal))[(SessionCookie.Length + 1)..];

        // Another replica, as far as Data Protection goes: the same application name and the same table, nothing else.
        await using var dataSource = NpgsqlDataSource.Create((await suite.App.GetConnectionStringAsync(ResourceNames.Database, Cancellation))!);
        await using var replica = new ServiceCollection()
            .AddLogging()
            .AddSharedDataProtection()
            .AddSingleton(dataSource)
            .BuildServiceProvider();
        var protector = replica.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", "ChatCloud.SignIn", "v2");
        var ticket = new TicketDataFormat(protector).Unprotect(cookie);

        Assert.NotNull(ticket);
        Assert.Equal(user.Name, ticket.Principal.FindFirst("name")?.Value);
    }

    private const string SessionCookie = "chatcloud.auth.session";

    private async Task RestartAuthAsync()
    {
        await suite.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.Auth, KnownResourceCommands.StopCommand, Cancellation)
            .WaitAsync(Deadlines.Stop, Cancellation);
        await suite.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.Auth, KnownResourceCommands.StartCommand, Cancellation)
            .WaitAsync(Deadlines.Boot, Cancellation);
        await suite.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Auth, Cancellation).WaitAsync(Deadlines.Boot, Cancellation);
    }
}
