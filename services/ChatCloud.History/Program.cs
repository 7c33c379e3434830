using ChatCloud.History;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHistory();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
