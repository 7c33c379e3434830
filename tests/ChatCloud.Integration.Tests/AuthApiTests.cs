using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using ChatCloud.Testing;
using Xunit;

namespace ChatCloud.Integration.Tests;

/// <summary>The auth service's HTTP API (POST /accounts, POST /credentials/verify) on the booted suite.</summary>
public sealed class AuthApiTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    // Sign-up and password checks are for services: the test shows the edge's service token, as the edge does.
    private Task<HttpClient> AuthAsync() => suite.App.CreateServiceClientAsync(ResourceNames.Auth, Cancellation);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body, Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        var text = await response.Content.ReadAsStringAsync(Cancellation);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task An_account_is_created_once_whatever_the_case_of_its_name()
    {
        using var http = await AuthAsync();

        var (created, account) = await PostAsync(http, "/accounts", new { name = "Quinn[1]", password = "quinns password", email = "quinn@example.org" });
        var (again, problem) = await PostAsync(http, "/accounts", new { name = "quinn{1}", password = "another password" });

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("Quinn[1]", account.GetProperty("name").GetString());
        Assert.True(account.GetProperty("id").TryGetGuid(out _));
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Bad_names_passwords_and_emails_are_a_validation_problem_naming_the_fields()
    {
        using var http = await AuthAsync();

        var (status, problem) = await PostAsync(http, "/accounts", new { name = "9 lives", password = "short", email = "nowhere" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("password", out _));
        Assert.True(errors.TryGetProperty("email", out _));
    }

    [Fact]
    public async Task Verification_answers_the_account_or_one_and_the_same_refusal()
    {
        using var http = await AuthAsync();
        await PostAsync(http, "/accounts", new { name = "rosa", password = "rosas password" });

        var (ok, account) = await PostAsync(http, "/credentials/verify", new { name = "ROSA", password = "rosas password" });
        var (wrong, wrongBody) = await PostAsync(http, "/credentials/verify", new { name = "rosa", password = "not rosas password" });
        var (unknown, unknownBody) = await PostAsync(http, "/credentials/verify", new { name = "nobody-here", password = "whatever123" });

        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal("rosa", account.GetProperty("name").GetString());
        Assert.Equal(["user"], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown);
        // Same body whether the name exists or not, so the answer does not tell who has an account.
        Assert.Equal(wrongBody.GetProperty("title").GetString(), unknownBody.GetProperty("title").GetString());
        Assert.Equal(wrongBody.GetProperty("detail").GetString(), unknownBody.GetProperty("detail").GetString());
    }
}
