using System.Net;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>Sign-out everywhere, password change, sessions and app passwords (issue 4) on the booted suite.</summary>
public sealed class AccountSecurityTests(ChatCloudSuite suite)
{
    [Fact]
    public async Task Sign_out_everywhere_closes_the_IRC_connection_and_ends_every_refresh_token()
    {
        var user = await SignedInUser.CreateAsync(suite, "sec-ann", "anns password");
        await using var irc = await user.IrcAsync("sec-ann");
        var (access, refresh) = await user.SignInAsync();
        var (_, otherRefresh) = await user.SignInAsync();

        var (status, _, _) = await user.CallAsync(HttpMethod.Post, "/account/sign-out-everywhere", access);

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal("ERROR :Closing Link: 127.0.0.1 (Signed out)", await SignedInUser.ExpectClosedAsync(irc));
        Assert.Equal(HttpStatusCode.BadRequest, (await user.RefreshAsync(refresh)).Status);
        Assert.Equal("invalid_grant", (await user.RefreshAsync(otherRefresh)).Body.GetProperty("error").GetString());
        // The access token's session is revoked too: this service's API refuses it at once.
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.CallAsync(HttpMethod.Get, "/account/sessions", access)).Status);
    }

    [Fact]
    public async Task A_password_change_keeps_the_callers_session_ends_the_others_and_closes_IRC()
    {
        var user = await SignedInUser.CreateAsync(suite, "sec-bo", "bos old password");
        await using var irc = await user.IrcAsync("sec-bo");
        var (access, refresh) = await user.SignInAsync();
        var (_, otherRefresh) = await user.SignInAsync();

        var wrong = await user.CallAsync(HttpMethod.Post, "/account/password", access, new { currentPassword = "not it at all", newPassword = "bos new password" });
        var changed = await user.CallAsync(HttpMethod.Post, "/account/password", access, new { currentPassword = "bos old password", newPassword = "bos new password" });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.True(wrong.Body.GetProperty("errors").TryGetProperty("currentPassword", out _));
        Assert.Equal(HttpStatusCode.NoContent, changed.Status);
        Assert.Equal("ERROR :Closing Link: 127.0.0.1 (Password changed)", await SignedInUser.ExpectClosedAsync(irc));
        Assert.Equal(HttpStatusCode.OK, (await user.RefreshAsync(refresh)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await user.RefreshAsync(otherRefresh)).Status);
        var (oldClient, oldOutcome) = await SignedInUser.IrcPlainAsync(suite, "sec-bo", "sec-bo", "bos old password");
        await oldClient.DisposeAsync();
        var (newClient, newOutcome) = await SignedInUser.IrcPlainAsync(suite, "sec-bo", "sec-bo", "bos new password");
        await newClient.DisposeAsync();
        Assert.Equal("904", Verb(oldOutcome));
        Assert.Equal("903", Verb(newOutcome));
    }

    [Fact]
    public async Task Sessions_are_listed_and_one_can_be_revoked_alone()
    {
        var user = await SignedInUser.CreateAsync(suite, "sec-cy", "cys password");
        var (access, refresh) = await user.SignInAsync();
        var (_, otherRefresh) = await user.SignInAsync();

        var (listed, sessions, _) = await user.CallAsync(HttpMethod.Get, "/account/sessions", access);
        var list = sessions.EnumerateArray().ToList();
        var other = Assert.Single(list, session => !session.GetProperty("current").GetBoolean());
        var revoked = await user.CallAsync(HttpMethod.Delete, $"/account/sessions/{other.GetProperty("id").GetString()}", access);
        var unknown = await user.CallAsync(HttpMethod.Delete, "/account/sessions/no-such-session", access);

        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Equal(2, list.Count);
        Assert.All(list, session => Assert.Equal("chatcloud-web", session.GetProperty("client").GetString()));
        Assert.All(list, session => Assert.NotEqual(System.Text.Json.JsonValueKind.Null, session.GetProperty("createdAt").ValueKind));
        Assert.Equal(HttpStatusCode.NoContent, revoked.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("No such session.", unknown.Body.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await user.RefreshAsync(otherRefresh)).Status);
        Assert.Equal(HttpStatusCode.OK, (await user.RefreshAsync(refresh)).Status);
    }

    [Fact]
    public async Task The_account_API_without_a_token_is_a_401_problem()
    {
        var user = new SignedInUser(suite, "nobody", "nothing");

        var (status, body, headers) = await user.CallAsync(HttpMethod.Get, "/account/sessions", "not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains(headers.WwwAuthenticate, value => value.Scheme == "Bearer");
        Assert.Equal(401, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task An_app_password_signs_in_with_SASL_PLAIN_like_irssi_not_on_the_web_and_its_revoke_closes_its_sessions_only()
    {
        var user = await SignedInUser.CreateAsync(suite, "sec-dee", "dees password");
        var (access, _) = await user.SignInAsync();

        var (createdStatus, created, _) = await user.CallAsync(HttpMethod.Post, "/account/app-passwords", access, new { name = "irssi on the laptop" });
        var secret = created.GetProperty("password").GetString()!;
        await using var viaAppPassword = await user.IrcAsync("sec-dee", secret);
        await using var viaPassword = await user.IrcAsync("sec-dee2");
        var (_, listedBody, _) = await user.CallAsync(HttpMethod.Get, "/account/app-passwords", access);
        using var browser = new OidcBrowser(user.Authority, user.Gateway);
        using var challenge = await browser.GetAsync(browser.AuthorizePath("s1"));
        using var web = await browser.SignInAsync(challenge.Headers.Location!.OriginalString, "sec-dee", secret);
        var revoked = await user.CallAsync(HttpMethod.Delete, $"/account/app-passwords/{created.GetProperty("id").GetString()}", access);
        var closed = await SignedInUser.ExpectClosedAsync(viaAppPassword);
        var (after, outcome) = await SignedInUser.IrcPlainAsync(suite, "sec-dee3", "sec-dee", secret);
        await after.DisposeAsync();
        await viaPassword.SendAsync("PING :still-here", TestContext.Current.CancellationToken);
        var pong = await viaPassword.ExpectAsync(line => Verb(line) is "PONG" or "ERROR", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, createdStatus);
        Assert.True(secret.Length >= 32);
        var listed = Assert.Single(listedBody.EnumerateArray());
        Assert.Equal("irssi on the laptop", listed.GetProperty("name").GetString());
        Assert.False(listed.TryGetProperty("password", out _));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, listed.GetProperty("lastUsedAt").ValueKind);
        // The web sign-in page takes the account password only.
        Assert.Equal(HttpStatusCode.OK, web.StatusCode);
        Assert.Contains("The account name or password is not right.", await web.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, revoked.Status);
        // Revoking it ends the session it opened, not the account's others.
        Assert.Equal("ERROR :Closing Link: 127.0.0.1 (App password revoked)", closed);
        Assert.Equal("PONG", Verb(pong));
        Assert.Equal("904", Verb(outcome));
    }
}
