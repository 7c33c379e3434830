using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatCloud.Authentication;

/// <summary>
/// Puts this service's own token (<see cref="ServiceTokenSource"/>) on every request of the client it
/// is added to. A 401 answer drops the cached token, so the next call fetches a new one; the request
/// itself is not repeated (room commands are not idempotent, and their callers say "try again").
/// </summary>
public sealed class ServiceTokenHandler(ServiceTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            tokens.Invalidate(token);
        }
        return response;
    }
}

public static class ServiceTokenRegistration
{
    /// <summary>
    /// The calls of this client carry the service's own token. Needs <see cref="TokenTrustRegistration.AddChatCloudTokenTrust{TBuilder}"/>
    /// (the token endpoint comes from the same discovery document) and <c>Identity:ClientId</c>/<c>ClientSecret</c>.
    /// </summary>
    public static IHttpClientBuilder AddServiceToken(this IHttpClientBuilder client)
    {
        client.Services.TryAddSingleton<ServiceTokenSource>();
        client.Services.TryAddTransient<ServiceTokenHandler>();
        client.Services.AddOptions<IdentityOptions>()
            .Validate(identity => !string.IsNullOrEmpty(identity.ClientId) && !string.IsNullOrEmpty(identity.ClientSecret),
                $"{IdentityOptions.SectionName}:ClientId and {IdentityOptions.SectionName}:ClientSecret are required by a service that calls others.");
        return client.AddHttpMessageHandler<ServiceTokenHandler>();
    }
}
