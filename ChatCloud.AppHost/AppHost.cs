using ChatCloud;
using ChatCloud.AppHost;
using ChatCloud.AppHost.Infrastructure;

// The map of the whole system: who uses which server, who waits for whom. See docs/architecture.md.
var builder = DistributedApplication.CreateBuilder(args);
var settings = ChatCloudHostSettings.From(builder.Configuration);
var infra = builder.AddChatInfrastructure(settings);

// The first administrator's password; ./run.sh prints it the first time.
var adminPassword = builder.AddGeneratedSecret(settings, "admin-password");
// A service that calls others proves itself with a client secret (client credentials grant); the
// issuer — the auth service, or Keycloak's realm import — knows the same value. The callers today:
// the edge (rooms, history, sign-ins) and auth (the messages part of a data export).
var tcpEdgeSecret = builder.AddGeneratedSecret(settings, "tcpedge-client-secret");
var authSecret = builder.AddGeneratedSecret(settings, "auth-client-secret");
// Every edge replica keys guests' host cloaks with the same secret, so a guest's cloak is the same on each.
var cloakKey = builder.AddGeneratedSecret(settings, "irc-cloak-key");
infra.Keycloak?.WithEnvironment("CHATCLOUD_TCPEDGE_CLIENT_SECRET", tcpEdgeSecret)
    .WithEnvironment("CHATCLOUD_AUTH_CLIENT_SECRET", authSecret);

// Declared first: its address is the public one, the OpenID Connect issuer's included (docs/security.md).
var gateway = builder.AddProject<Projects.ChatCloud_Gateway>(ResourceNames.Gateway)
    .WithPublicHttpEndpoint(settings.Ports.Gateway);

var auth = builder.AddProject<Projects.ChatCloud_Auth>(ResourceNames.Auth)
    .Uses(infra.Database, infra.Cache, infra.Messaging)
    .WithEnvironment("Auth__FirstAdministrator__Password", adminPassword)
    .WithHttpHealthCheck("/health");
// The OpenID Connect issuer is the gateway's address, where browsers sign in: tokens name it, while
// services fetch metadata and keys from auth's own address (Identity:PublicIssuer).
auth.WithEnvironment("Auth__Oidc__Issuer", gateway.GetEndpoint("http"))
    // The web app signs in at the gateway's own address, whatever port it has (tests take a free one).
    .WithEnvironment("Auth__Oidc__WebClient__RedirectUris__0", ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/auth/callback"))
    .WithEnvironment("Auth__Oidc__WebClient__PostLogoutRedirectUris__0", ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/"))
    .WithEnvironment($"Auth__ServiceClients__{ResourceNames.TcpEdge}", tcpEdgeSecret)
    .WithEnvironment($"Auth__ServiceClients__{ResourceNames.Auth}", authSecret);
// Every service trusts tokens of one issuer: auth, or Keycloak with ChatCloud:IdentityProvider=Keycloak.
var issuer = TokenIssuer.For(settings, auth, gateway, infra);
auth.TrustsTokensOf(issuer).WithServiceClient(authSecret);

var messages = builder.AddProject<Projects.ChatCloud_Messages>(ResourceNames.Messages)
    .Uses(infra.Database, infra.Cache, infra.Messaging)
    .TrustsTokensOf(issuer)
    .WithHttpHealthCheck("/health");
// A data export (GET /account/export) is put together in auth, which asks messages for its part.
auth.WithReference(messages);

// History reads the messages service's view messages.history_v1, which that service creates on start.
var history = builder.AddProject<Projects.ChatCloud_History>(ResourceNames.History)
    .Uses(infra.Database, infra.Cache, infra.Messaging)
    .TrustsTokensOf(issuer)
    .WaitFor(messages)
    .WithHttpHealthCheck("/health");

var recommendations = builder.AddProject<Projects.ChatCloud_Recommendations>(ResourceNames.Recommendations)
    .Uses(infra.Database, infra.Cache, infra.Messaging)
    .TrustsTokensOf(issuer)
    .WithHttpHealthCheck("/health");

var analytics = builder.AddProject<Projects.ChatCloud_Analytics>(ResourceNames.Analytics)
    .Uses(infra.Database, infra.Messaging)
    .TrustsTokensOf(issuer)
    .WithHttpHealthCheck("/health");

// The edge asks history (http://history) for CHATHISTORY, auth (http://auth) to check passwords at
// sign-in and the room authority (http://messages) for room commands, and waits for none of them:
// until they answer, those requests are told to try again and the edge itself keeps serving.
var tcpEdge = builder.AddProject<Projects.ChatCloud_TcpEdge>(ResourceNames.TcpEdge)
    .Uses(infra.Cache, infra.Messaging)
    .TrustsTokensOf(issuer)
    .WithServiceClient(tcpEdgeSecret)
    .WithEnvironment("Irc__Cloaks__Key", cloakKey)
    .WithReference(history)
    .WithReference(auth)
    .WithReference(messages)
    .WithIrcEndpoints(settings)
    .WithHttpHealthCheck("/health");

// In Keycloak mode the browser signs in at the realm, which the app learns from /app-config.json.
if (issuer.Provider == IdentityProviderMode.Keycloak)
{
    gateway.WithEnvironment("WebApp__SignInAuthority", issuer.Authority);
}
gateway
    .WithWebAppFromSource(builder)
    .WithReference(auth).WithReference(messages).WithReference(history)
    .WithReference(recommendations).WithReference(analytics).WithReference(tcpEdge)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
