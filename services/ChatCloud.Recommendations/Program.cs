using ChatCloud.Authentication;
using ChatCloud.Recommendations;
using ChatCloud.Recommendations.Api;
using ChatCloud.Recommendations.Commands;

// `generate` and `evaluate` are offline commands (docs/ml.md); anything else starts the service.
if (RecommendationsCommands.Handles(args))
{
    return await RecommendationsCommands.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddChatCloudTokenTrust();
builder.AddRecommendations();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapRecommendationsApi();
await app.RunAsync();
return 0;
