using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatCloud.Gateway.Status;

public static class StatusApi
{
    /// <summary><c>GET /api/status</c>: the state of every backend service, for the web app's health indicator.</summary>
    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/status", GetStatusAsync);
        return endpoints;
    }

    private static async Task<Ok<SuiteStatus>> GetStatusAsync(ServiceStatusProbe probe, HttpContext context, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(await probe.CheckAsync(cancellationToken));
    }
}
