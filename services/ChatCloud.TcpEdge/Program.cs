using ChatCloud.TcpEdge;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTcpEdge();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
