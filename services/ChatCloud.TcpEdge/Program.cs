using ChatCloud.Authentication;
using ChatCloud.TcpEdge;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
// The edge's own calls carry its service token; SASL OAUTHBEARER checks tokens as every service does.
builder.AddChatCloudTokenTrust();
builder.AddTcpEdge();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
