using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

using static ChatCloud.Integration.Tests.Eventually;

namespace ChatCloud.Integration.Tests;

/// <summary>Data export and account deletion (issue 4, docs/privacy.md) across auth, the edge and the messages service.</summary>
public sealed class PrivacyTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_export_holds_profile_and_messages_and_deletion_disconnects_refuses_and_anonymises()
    {
        var room = "#privacy-" + Guid.NewGuid().ToString("N")[..6];
        var user = await SignedInUser.CreateAsync(suite, "priv-gus", "guss password");
        await using var irc = await user.IrcAsync("priv-gus");
        await irc.SendAsync($"JOIN {room}", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "366", Cancellation);
        await irc.SendAsync($"PRIVMSG {room} :hello from gus", Cancellation);
        var (access, _) = await user.SignInAsync();

        // The message is stored asynchronously (through the post queue): ask until it is in the export.
        var export = await EventuallyAsync(async () =>
        {
            var (status, body, _) = await user.CallAsync(HttpMethod.Get, "/account/export", access);
            Assert.Equal(HttpStatusCode.OK, status);
            return body.GetProperty("messages").GetProperty("messages").GetArrayLength() > 0 ? body : (JsonElement?)null;
        });
        var accountId = export.GetProperty("profile").GetProperty("id").GetGuid();
        var wrong = await user.CallAsync(HttpMethod.Delete, "/account", access, new { password = "not guss password" });
        var deleted = await user.CallAsync(HttpMethod.Delete, "/account", access, new { password = "guss password" });

        Assert.Equal("priv-gus", export.GetProperty("profile").GetProperty("name").GetString());
        var message = Assert.Single(export.GetProperty("messages").GetProperty("messages").EnumerateArray());
        Assert.Equal(room, message.GetProperty("target").GetString());
        Assert.Equal("hello from gus", message.GetProperty("text").GetString());
        Assert.Contains(export.GetProperty("messages").GetProperty("memberships").EnumerateArray(), m => m.GetProperty("room").GetString() == room);
        Assert.False(export.GetProperty("profile").TryGetProperty("passwordHash", out _));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal("ERROR :Closing Link: 127.0.0.1 (Account deleted)", await SignedInUser.ExpectClosedAsync(irc));
        using (var auth = await suite.App.CreateServiceClientAsync(ResourceNames.Auth, Cancellation))
        {
            using var verify = await auth.PostAsJsonAsync("/credentials/verify", new { name = "priv-gus", password = "guss password" }, Cancellation)
                .WaitAsync(Deadlines.Request, Cancellation);
            Assert.Equal(HttpStatusCode.Unauthorized, verify.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.CallAsync(HttpMethod.Get, "/account/export", access)).Status);

        // The messages service anonymises when auth.account-deleted.v1 reaches it: the message stays, signed by the tombstone.
        await using var reader = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await reader.SendAsync("CAP REQ :batch draft/chathistory", Cancellation);
        await reader.RegisterAsync("priv-hal" + Guid.NewGuid().ToString("N")[..4], Cancellation);
        await reader.SendAsync($"JOIN {room}", Cancellation);
        await reader.ExpectAsync(l => Verb(l) == "366", Cancellation);
        var tombstone = "deleted-" + accountId.ToString("N")[^8..];
        var line = await EventuallyAsync(async () =>
        {
            await reader.SendAsync($"CHATHISTORY LATEST {room} * 10", Cancellation);
            var found = await reader.ExpectAsync(l => l.Contains(" PRIVMSG ", StringComparison.Ordinal) || Verb(l) == "FAIL"
                || (Verb(l) == "BATCH" && l.Contains(" -", StringComparison.Ordinal)), Cancellation);
            Assert.NotEqual("FAIL", Verb(found));
            if (Verb(found) != "BATCH")
            {
                await reader.ExpectAsync(l => Verb(l) == "BATCH" && l.Contains(" -", StringComparison.Ordinal), Cancellation);
            }
            return found.Contains($":{tombstone}!deleted@deleted PRIVMSG {room} :hello from gus", StringComparison.Ordinal) ? found : null;
        });
        Assert.DoesNotContain("account=", line, StringComparison.Ordinal);
        using var messages = await suite.App.CreateServiceClientAsync(ResourceNames.Messages, Cancellation);
        var after = await messages.GetFromJsonAsync<JsonElement>($"/accounts/{accountId}/export", Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        Assert.Equal(0, after.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Deleting_an_account_forgets_what_it_dismissed_and_did_in_the_recommendations_service()
    {
        var user = await SignedInUser.CreateAsync(suite, "priv-ida", "idas password");
        var (access, _) = await user.SignInAsync();
        using (var recommendations = suite.App.CreateHttpClient(ResourceNames.Recommendations))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/recommendations/dismiss", UriKind.Relative))
            {
                Content = JsonContent.Create(new { kind = "room", target = "#not-for-ida" }),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", access);
            using var dismissed = await recommendations.SendAsync(request, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
            Assert.True(dismissed.IsSuccessStatusCode, $"dismiss: {dismissed.StatusCode}");
        }
        var (_, export, _) = await user.CallAsync(HttpMethod.Get, "/account/export", access);
        var accountId = export.GetProperty("profile").GetProperty("id").GetGuid().ToString();
        await using var database = Npgsql.NpgsqlDataSource.Create((await suite.App.GetConnectionStringAsync(ResourceNames.Database, Cancellation))!);
        async Task<long> DismissalsAsync()
        {
            await using var count = database.CreateCommand("SELECT count(*) FROM recommendations.dismissals WHERE account = $1");
            count.Parameters.AddWithValue(accountId);
            return (long)(await count.ExecuteScalarAsync(Cancellation))!;
        }
        async Task<long> InteractionsAsync()
        {
            await using var count = database.CreateCommand("SELECT count(*) FROM recommendations.interactions WHERE account = $1");
            count.Parameters.AddWithValue(accountId);
            return (long)(await count.ExecuteScalarAsync(Cancellation))!;
        }
        await using (var irc = await user.IrcAsync("priv-ida"))
        {
            await irc.SendAsync("JOIN #priv-ida-knits", Cancellation);
            await irc.ExpectAsync(line => IrcTestClient.Verb(line) == "366", Cancellation);
        }
        // The join reaches the event history the model trains on through the bus.
        await EventuallyAsync(async () => await InteractionsAsync() == 1 ? "stored" : null);
        Assert.Equal(1, await DismissalsAsync());

        var deleted = await user.CallAsync(HttpMethod.Delete, "/account", access, new { password = "idas password" });

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        // auth.account-deleted.v1 reaches the recommendations service through its queue: ask until it has.
        await EventuallyAsync(async () => await DismissalsAsync() == 0 && await InteractionsAsync() == 0 ? "forgotten" : null);
    }
}
