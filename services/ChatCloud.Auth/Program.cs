using ChatCloud.Auth;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAuth();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
