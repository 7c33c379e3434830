using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ChatCloud.Gateway.WebApp;

public static class WebAppEndpoints
{
    /// <summary>
    /// Serves the built React app. Vite names assets by content hash, so they are cached for a year;
    /// <c>index.html</c> is revalidated every time so a deploy shows up at once. Unknown paths outside
    /// <c>/api</c> get <c>index.html</c> for client-side routing.
    /// </summary>
    public static WebApplication MapWebApp(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WebAppOptions>>().Value;
        var root = Path.GetFullPath(options.Root, app.Environment.ContentRootPath);
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            throw new InvalidOperationException(
                $"The web app is not built: {Path.Combine(root, "index.html")} is missing. Run ./run.sh or 'npm run build' in web/.");
        }
        var files = new PhysicalFileProvider(root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var isHashedAsset = context.Context.Request.Path.StartsWithSegments("/assets");
                context.Context.Response.Headers[HeaderNames.CacheControl] = isHashedAsset
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        });
        // What the app needs before it can sign in: where (the gateway itself unless Keycloak) and as which client.
        app.MapGet("/app-config.json", (HttpContext http) =>
        {
            http.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            return TypedResults.Ok(new { authority = options.SignInAuthority?.AbsoluteUri.TrimEnd('/'), clientId = "chatcloud-web" });
        });
        app.MapFallback("/api/{**rest}", () => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such API."));
        app.MapFallbackToFile("index.html", new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
        });
        return app;
    }
}
