using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatCloud.Testing;

/// <summary>
/// Tests that call a service's internal API directly do what the edge does: get a service token by
/// the client credentials grant at the auth service, with the edge's client secret (the AppHost's
/// generated parameter), and show it. Without one, every internal API answers 401.
/// </summary>
public static class ServiceCredentials
{
    public const string ClientId = ResourceNames.TcpEdge;
    public const string SecretParameter = "tcpedge-client-secret";

    /// <summary>The edge's client secret as the AppHost handed it to the edge and to auth.</summary>
    public static Task<string> ClientSecretAsync(this DistributedApplication app, CancellationToken cancellationToken) =>
        app.ParameterAsync(SecretParameter, cancellationToken);

    /// <summary>A parameter's value as the AppHost handed it to the services (a generated secret, say).</summary>
    public static async Task<string> ParameterAsync(this DistributedApplication app, string name, CancellationToken cancellationToken) =>
        await app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .OfType<ParameterResource>().Single(parameter => parameter.Name == name)
            .GetValueAsync(cancellationToken)
        ?? throw new InvalidOperationException($"The parameter {name} has no value.");

    public static async Task<string> ServiceTokenAsync(this DistributedApplication app, CancellationToken cancellationToken)
    {
        using var auth = app.CreateHttpClient(ResourceNames.Auth, "http");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = ClientId,
            ["client_secret"] = await app.ClientSecretAsync(cancellationToken),
        });
        using var response = await auth.PostAsync(new Uri("/connect/token", UriKind.Relative), form, cancellationToken)
            .WaitAsync(Deadlines.Request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("access_token").GetString()!;
    }

    /// <summary>An HttpClient to the service that carries a service token, as the edge's clients do.</summary>
    public static async Task<HttpClient> CreateServiceClientAsync(this DistributedApplication app, string resource, CancellationToken cancellationToken)
    {
        var token = await app.ServiceTokenAsync(cancellationToken);
        var http = app.CreateHttpClient(resource, "http");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
