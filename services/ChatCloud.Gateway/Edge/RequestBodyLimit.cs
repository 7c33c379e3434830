using Microsoft.Extensions.Options;

namespace ChatCloud.Gateway.Edge;

/// <summary>
/// A request whose declared length is over <see cref="EdgeLimitsOptions.MaxRequestBodyBytes"/> is
/// answered 413 as a problem at once, before it is proxied: Kestrel's own limit only trips when the
/// body is read, which for a proxied request is after the service got its headers (and answered on
/// them, say with 401). A client that asked <c>Expect: 100-continue</c> sends no byte of the body.
/// Bodies without a length (chunked) are still cut off by Kestrel's limit as they are read.
/// </summary>
public static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<EdgeLimitsOptions>>().Value.MaxRequestBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: "Request body too large",
                    detail: $"A request body may be at most {limit} bytes; this one declares {context.Request.ContentLength}.")
                    .ExecuteAsync(context);
                return;
            }
            await next(context);
        });
}
