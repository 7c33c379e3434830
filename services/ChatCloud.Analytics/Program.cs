using ChatCloud.Analytics;
using ChatCloud.Analytics.Activity;
using ChatCloud.Analytics.Recommender;
using ChatCloud.Analytics.Replay;
using ChatCloud.Authentication;

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
app.MapRecommenderApi();
app.MapRebuildApi();
app.Run();
