using ChatCloud.Authentication;
using ChatCloud.Contracts.Auth;
using ChatCloud.Contracts.Messages;
using ChatCloud.Messaging;
using ChatCloud.Presence;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace ChatCloud.Messages.Realtime;

/// <summary>The web's realtime edge, hosted by the messages service (docs/web-realtime.md).</summary>
public static class RealtimeRegistration
{
    /// <summary>Behind the gateway's <c>/api/messages</c> route, which passes WebSockets through.</summary>
    public const string HubPath = "/api/messages/realtime";

    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RealtimeOptions>()
            .BindConfiguration(RealtimeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSignalR(hub =>
        {
            // A hub call is a command or one line of text: small. The server keeps its own bounded
            // queue per tab (WebConnection) rather than SignalR's.
            hub.MaximumReceiveMessageSize = 16 * 1024;
            hub.MaximumParallelInvocationsPerClient = 1;
        });
        // A browser cannot set headers on a WebSocket request: SignalR sends the token as access_token
        // in the query, which is read on the hub's path only (and never logged by the gateway).
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            var next = jwt.Events.OnMessageReceived;
            jwt.Events.OnMessageReceived = context =>
            {
                if (context.HttpContext.Request.Path.StartsWithSegments(HubPath, StringComparison.Ordinal)
                    && context.Request.Query["access_token"] is [{ Length: > 0 } token])
                {
                    context.Token = token;
                }
                return next(context);
            };
        });
        builder.Services.AddSingleton<INickDirectory, RedisNickDirectory>();
        // The web edge's heartbeat: while it beats, its members' nicks are theirs and the sweeper leaves them be.
        builder.Services.AddHostedService<EdgeHeartbeat>();
        builder.Services.AddSingleton<WebMembers>();
        builder.Services.AddSingleton<PendingWebPosts>();
        builder.Services.AddSingleton<WebRoomCache>();
        builder.Services.AddSingleton<WebAway>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<WebAway>());
        builder.Services.AddBroadcastHandler<MessageStored, WebDelivery>("messages.web.message-stored");
        builder.Services.AddBroadcastHandler<DirectMessageStored, WebDirectDelivery>("messages.web.direct-message-stored");
        builder.Services.AddBroadcastHandler<TagsSent, WebTagsDelivery>("messages.web.tags-sent");
        builder.Services.AddBroadcastHandler<DirectTagsSent, WebTagsDelivery>("messages.web.direct-tags-sent");
        builder.Services.AddBroadcastHandler<ReadMarkerSet, WebReadMarkerDelivery>("messages.web.read-marker-set");
        builder.Services.AddBroadcastHandler<AccountSessionsRevoked, WebSessionsRevoked>("messages.web.account-sessions-revoked");
        builder.Services.AddHostedService<WebEdgeShutdown>();
        return builder;
    }

    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder endpoints)
    {
        // WebSockets only: every browser ChatCloud supports has them, and the fallbacks' long
        // polling would hold one request per tab open through the gateway.
        endpoints.MapHub<ChatHub>(HubPath, hub => hub.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets)
            .RequireAuthorization(ChatCloudPolicies.User);
        return endpoints;
    }
}
