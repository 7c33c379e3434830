using System.Net;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// An administrator takes roles away and disables and enables accounts (issue 4) on the booted suite:
/// a disabled account's IRC connection closes at once and it can sign in nowhere; nothing leaves the
/// service without an active administrator.
/// </summary>
public sealed class AccountAdministrationTests(ChatCloudSuite suite)
{
    private async Task<(SignedInUser Admin, string Token)> AdministratorAsync()
    {
        var admin = SignedInUser.Administrator(suite);
        return (admin, (await admin.SignInAsync()).AccessToken);
    }

    private static async Task<Guid> IdOfAsync(SignedInUser admin, string token, string name)
    {
        var (_, accounts, _) = await admin.CallAsync(HttpMethod.Get, $"/admin/accounts?limit=200", token);
        return accounts.EnumerateArray().Single(account => account.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_disabled_account_is_disconnected_and_refused_everywhere_until_enabled()
    {
        var (admin, adminToken) = await AdministratorAsync();
        var user = await SignedInUser.CreateAsync(suite, "adm-vic", "vics password");
        var (_, refresh) = await user.SignInAsync();
        await using var irc = await user.IrcAsync("adm-vic");
        var id = await IdOfAsync(admin, adminToken, "adm-vic");

        var disabled = await admin.CallAsync(HttpMethod.Post, $"/admin/accounts/{id}/disable", adminToken);
        var closed = await SignedInUser.ExpectClosedAsync(irc);
        var (plain, refused) = await SignedInUser.IrcPlainAsync(suite, "adm-vic", "adm-vic", "vics password");
        await plain.DisposeAsync();
        var refreshed = await user.RefreshAsync(refresh);
        var (_, listed, _) = await admin.CallAsync(HttpMethod.Get, "/admin/accounts?limit=200", adminToken);
        var enabled = await admin.CallAsync(HttpMethod.Post, $"/admin/accounts/{id}/enable", adminToken);
        var (again, accepted) = await SignedInUser.IrcPlainAsync(suite, "adm-vic", "adm-vic", "vics password");
        await again.DisposeAsync();

        Assert.Equal(HttpStatusCode.NoContent, disabled.Status);
        Assert.Equal("ERROR :Closing Link: 127.0.0.1 (Account disabled)", closed);
        Assert.Equal("904", Verb(refused));
        Assert.Equal(HttpStatusCode.BadRequest, refreshed.Status);
        Assert.True(listed.EnumerateArray().Single(account => account.GetProperty("id").GetGuid() == id).GetProperty("disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, enabled.Status);
        Assert.Equal("903", Verb(accepted));
    }

    [Fact]
    public async Task A_role_taken_away_is_gone_from_the_next_token_and_bad_requests_are_problems()
    {
        var (admin, adminToken) = await AdministratorAsync();
        var user = await SignedInUser.CreateAsync(suite, "adm-wes", "wess password");
        var id = await IdOfAsync(admin, adminToken, "adm-wes");
        await admin.CallAsync(HttpMethod.Post, $"/admin/accounts/{id}/roles", adminToken, new { role = "admin" });
        var (_, refresh) = await user.SignInAsync();

        var revoked = await admin.CallAsync(HttpMethod.Delete, $"/admin/accounts/{id}/roles/admin", adminToken);
        var (_, tokens) = await user.RefreshAsync(refresh);
        var demoted = await user.CallAsync(HttpMethod.Get, "/admin/accounts", tokens.GetProperty("access_token").GetString()!);
        var unknownRole = await admin.CallAsync(HttpMethod.Delete, $"/admin/accounts/{id}/roles/owner", adminToken);
        var unknownAccount = await admin.CallAsync(HttpMethod.Post, $"/admin/accounts/{Guid.NewGuid()}/disable", adminToken);
        var self = await admin.CallAsync(HttpMethod.Post, $"/admin/accounts/{await IdOfAsync(admin, adminToken, "admin")}/disable", adminToken);

        Assert.Equal(HttpStatusCode.NoContent, revoked.Status);
        Assert.Equal(HttpStatusCode.Forbidden, demoted.Status);
        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.Status);
        Assert.True(unknownRole.Body.GetProperty("errors").TryGetProperty("role", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknownAccount.Status);
        Assert.Equal(HttpStatusCode.Conflict, self.Status);
        Assert.Equal("You cannot disable your own account.", self.Body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_last_active_administrator_keeps_the_role()
    {
        var (admin, adminToken) = await AdministratorAsync();
        var (_, accounts, _) = await admin.CallAsync(HttpMethod.Get, "/admin/accounts?limit=200", adminToken);
        var adminId = await IdOfAsync(admin, adminToken, "admin");
        // Other tests may have made administrators; take the role from each, so "admin" is the last one.
        foreach (var other in accounts.EnumerateArray().Where(account => account.GetProperty("id").GetGuid() != adminId
            && account.GetProperty("roles").EnumerateArray().Any(role => role.GetString() == "admin")))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.CallAsync(HttpMethod.Delete, $"/admin/accounts/{other.GetProperty("id").GetGuid()}/roles/admin", adminToken)).Status);
        }

        var last = await admin.CallAsync(HttpMethod.Delete, $"/admin/accounts/{adminId}/roles/admin", adminToken);

        Assert.Equal(HttpStatusCode.Conflict, last.Status);
        Assert.Equal("That would leave no active administrator.", last.Body.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.CallAsync(HttpMethod.Get, "/admin/accounts", adminToken)).Status);
    }
}
