using ChatCloud.Messages;
using ChatCloud.Messages.Conversations;
using ChatCloud.Messages.Realtime;
using ChatCloud.Messages.ReadMarkers;
using ChatCloud.Messages.Rooms;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddMessages();
builder.AddRealtime();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapRoomsApi();
app.MapConversationsApi();
app.MapReadMarkersApi();
app.MapRealtime();
app.Run();
