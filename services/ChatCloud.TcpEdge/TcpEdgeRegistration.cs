using System.Net;
using ChatCloud.Authentication;
using ChatCloud.Contracts.Messages;
using ChatCloud.Messaging;
using ChatCloud.Presence;
using ChatCloud.TcpEdge.Accounts;
using ChatCloud.TcpEdge.Connections;
using ChatCloud.TcpEdge.Delivery;
using ChatCloud.TcpEdge.History;
using ChatCloud.TcpEdge.Presence;
using ChatCloud.TcpEdge.Rooms;
using ChatCloud.TcpEdge.Server;
using ChatCloud.TcpEdge.Tls;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ChatCloud.TcpEdge;

public static class TcpEdgeRegistration
{
    /// <summary>
    /// The edge is an ordinary ASP.NET Core service (telemetry, /health) whose Kestrel also hosts the
    /// IRC listeners as connection handlers: plain on <c>Irc:PlainPort</c>, TLS on <c>Irc:TlsPort</c>.
    /// </summary>
    public static WebApplicationBuilder AddTcpEdge(this WebApplicationBuilder builder)
    {
        builder.AddRedisClient(ResourceNames.Cache);
        builder.AddRabbitMQClient(ResourceNames.Messaging);

        builder.Services.AddOptions<IrcServerOptions>()
            .BindConfiguration(IrcServerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<HistoryClientOptions>()
            .BindConfiguration(HistoryClientOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        // CHATHISTORY asks the history service (service discovery and resilience come from the defaults).
        builder.Services.AddHttpClient(HistoryClient.ClientName).AddServiceToken();
        builder.Services.AddSingleton<IRoomHistory, HistoryClient>();
        builder.Services.AddChatMessagingPublisher();
        // The room events this edge hears are those of the rooms its users are in (docs/architecture.md).
        builder.Services.AddSingleton<ChatCloud.Messaging.RoomSubscriptions>();
        builder.Services.AddHostedService<RoomSubscriptionPruner>();
        builder.Services.AddBroadcastHandler<MessageStored, MessageStoredDelivery>("tcpedge.message-stored");
        builder.Services.AddBroadcastHandler<TagsSent, TagsSentDelivery>("tcpedge.tags-sent");
        builder.Services.AddBroadcastHandler<DirectTagsSent, DirectTagsSentDelivery>("tcpedge.direct-tags-sent");
        builder.Services.AddBroadcastHandler<DirectMessageStored, DirectMessageDelivery>("tcpedge.direct-message-stored");
        builder.Services.AddBroadcastHandler<ReadMarkerSet, ReadMarkerDelivery>("tcpedge.read-marker-set");
        builder.Services.AddBroadcastHandler<ChatCloud.Contracts.Auth.AccountSessionsRevoked, SessionsRevokedDelivery>("tcpedge.account-sessions-revoked");
        builder.Services.AddBroadcastHandler<ChatCloud.Contracts.Auth.AppPasswordRevoked, AppPasswordRevokedDelivery>("tcpedge.app-password-revoked");
        AddAccountService(builder.Services);
        AddRoomAuthority(builder.Services);
        builder.Services.AddSingleton<INickDirectory, RedisNickDirectory>();
        // Before the listeners open, so this edge's nicks are never taken for a crashed edge's.
        builder.Services.AddHostedService<EdgeHeartbeat>();
        builder.Services.AddSingleton<IPresenceFeed, RedisPresenceFeed>();
        builder.Services.AddSingleton<IrcServer>();
        // Before the listeners open, so no presence change after the first client connects is missed.
        builder.Services.AddHostedService<PresenceListener>();
        builder.Services.AddSingleton<IrcConnectionHandler>();
        builder.Services.AddHostedService<PostStreaming>();
        // Registered after the post stream, so it stops first: connections close, then the stream drains.
        builder.Services.AddHostedService<GracefulShutdown>();

        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var options = kestrel.ApplicationServices.GetRequiredService<IOptions<IrcServerOptions>>().Value;
            var logger = kestrel.ApplicationServices.GetRequiredService<ILogger<IrcServer>>();
            var address = IPAddress.Parse(options.ListenAddress);
            // Listening in code replaces the configured URLs, so the HTTP endpoint (health, metrics) is re-added.
            ListenOnConfiguredUrls(kestrel, context.Configuration);
            if (options.PlainPort != 0)
            {
                kestrel.Listen(address, options.PlainPort, listen => listen.UseConnectionHandler<IrcConnectionHandler>());
            }
            if (options.TlsPort != 0)
            {
                var certificate = ServerCertificate.Load(options.Tls, options.ServerName, logger);
                kestrel.Listen(address, options.TlsPort, listen =>
                {
                    listen.UseHttps(certificate);
                    listen.UseConnectionHandler<IrcConnectionHandler>();
                });
            }
        });
        return builder;
    }

    /// <summary>
    /// The auth service through service discovery. The typed client lives as long as the (singleton)
    /// IrcServer, so its handler is kept and its pooled connections are recycled instead: endpoints are
    /// resolved per request by service discovery, and connections do not outlive a changed address.
    /// The default resilience handler (retries, 30 s) gives way to one deadline per call (AuthServiceClient).
    /// </summary>
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is experimental; retrying a non-idempotent sign-up would be worse.
    private static void AddAccountService(IServiceCollection services)
    {
        services.AddSingleton<AccessTokenValidator>();
        services.AddHttpClient<IAccountService, AuthServiceClient>((provider, http) =>
            {
                http.BaseAddress = new Uri($"http://{ResourceNames.Auth}/");
                // A backstop only: each call has its own, shorter deadline.
                http.Timeout = provider.GetRequiredService<IOptions<IrcServerOptions>>().Value.AccountServiceTimeout + TimeSpan.FromSeconds(1);
            })
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllResilienceHandlers()
            // Sign-up and password checks are for services only: the edge shows its own token.
            .AddServiceToken();
    }
#pragma warning restore EXTEXP0001

    /// <summary>The room authority (the messages service), held the same way as the auth service: one deadline per call, no retries.</summary>
#pragma warning disable EXTEXP0001 // as above: a retried KICK or MODE could act twice.
    private static void AddRoomAuthority(IServiceCollection services) =>
        services.AddHttpClient<IRoomAuthority, RoomAuthorityClient>((provider, http) =>
            {
                http.BaseAddress = new Uri($"http://{ResourceNames.Messages}/");
                http.Timeout = provider.GetRequiredService<IOptions<IrcServerOptions>>().Value.RoomAuthorityTimeout + TimeSpan.FromSeconds(1);
            })
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllResilienceHandlers()
            .AddServiceToken();
#pragma warning restore EXTEXP0001

    private static void ListenOnConfiguredUrls(KestrelServerOptions kestrel, IConfiguration configuration)
    {
        var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? "http://localhost:5106";
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var uri = new Uri(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
            if (uri.Host == "localhost")
            {
                kestrel.ListenLocalhost(uri.Port);
            }
            else
            {
                kestrel.Listen(IPAddress.Parse(uri.Host), uri.Port);
            }
        }
    }
}
