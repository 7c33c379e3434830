using ChatCloud.Authentication;
using ChatCloud.Analytics;
using ChatCloud.Analytics.Activity;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
// Every endpoint needs a token (the fallback policy); the figures need an administrator's.
builder.AddChatCloudTokenTrust();
builder.AddAnalytics();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapActivityApi();
app.Run();
