using ChatCloud.Messages;
using ChatCloud.Messages.Privacy;
using ChatCloud.Messages.ReadMarkers;
using ChatCloud.Messages.Rooms;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddMessages();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapRoomsApi();
app.MapReadMarkersApi();
app.MapAccountExportApi();
app.Run();
