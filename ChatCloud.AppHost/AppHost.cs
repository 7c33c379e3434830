using ChatCloud;
using ChatCloud.AppHost;
using ChatCloud.AppHost.Infrastructure;

// The map of the whole system: who uses which server, who waits for whom. See docs/architecture.md.
var builder = DistributedApplication.CreateBuilder(args);
var settings = ChatCloudHostSettings.From(builder.Configuration);
var infra = builder.AddChatInfrastructure(settings);

// The first administrator's password; ./run.sh prints it the first time.
var adminPassword = builder.AddGeneratedSecret(settings, "admin-password");

var auth = builder.AddProject<Projects.ChatCloud_Auth>(ResourceNames.Auth)
    .Uses(infra.Database, infra.Cache, infra.Messaging)
    .WithEnvironment("Auth__FirstAdministrator__Password", adminPassword)
    .WithHttpHealthCheck("/health");
// The OpenID Connect issuer is auth's own address: tokens name it, and validators fetch its JWKS there.
auth.WithEnvironment("Auth__Oidc__Issuer", auth.GetEndpoint("http"));

var messages = builder.AddProject<Projects.ChatCloud_Messages>(ResourceNames.Messages)
    .Uses(infra.Database, infra.Cache, infra.Messaging)
    .WithHttpHealthCheck("/health");
// A data export (GET /account/export) is put together in auth, which asks messages for its part.
auth.WithReference(messages);

// History reads the messages service's view messages.history_v1, which that service creates on start.
var history = builder.AddProject<Projects.ChatCloud_History>(ResourceNames.History)
    .Uses(infra.Database, infra.Cache, infra.Messaging)
    .WaitFor(messages)
    .WithHttpHealthCheck("/health");

var recommendations = builder.AddProject<Projects.ChatCloud_Recommendations>(ResourceNames.Recommendations)
    .Uses(infra.Database, infra.Cache, infra.Messaging)
    .WithHttpHealthCheck("/health");

var analytics = builder.AddProject<Projects.ChatCloud_Analytics>(ResourceNames.Analytics)
    .Uses(infra.Database, infra.Messaging)
    .WithHttpHealthCheck("/health");

// The edge asks history (http://history) for CHATHISTORY, auth (http://auth) to check passwords at
// sign-in and the room authority (http://messages) for room commands, and waits for none of them:
// until they answer, those requests are told to try again and the edge itself keeps serving.
var tcpEdge = builder.AddProject<Projects.ChatCloud_TcpEdge>(ResourceNames.TcpEdge)
    .Uses(infra.Cache, infra.Messaging)
    .WithReference(history)
    .WithReference(auth)
    .WithReference(messages)
    .WithIrcEndpoints(settings)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.ChatCloud_Gateway>(ResourceNames.Gateway)
    .WithPublicHttpEndpoint(settings.Ports.Gateway)
    .WithWebAppFromSource(builder)
    .WithReference(auth).WithReference(messages).WithReference(history)
    .WithReference(recommendations).WithReference(analytics).WithReference(tcpEdge)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
