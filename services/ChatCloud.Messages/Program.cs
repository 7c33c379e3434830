using ChatCloud.Messages;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddMessages();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
