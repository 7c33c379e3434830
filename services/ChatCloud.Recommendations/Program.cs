using ChatCloud.Recommendations;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRecommendations();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
