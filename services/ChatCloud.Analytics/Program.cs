using ChatCloud.Authentication;
using ChatCloud.Analytics;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
// No API yet; whatever is mapped later needs a token (the fallback policy) unless it names its own.
builder.AddChatCloudTokenTrust();
builder.AddAnalytics();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.Run();
