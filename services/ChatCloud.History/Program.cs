using ChatCloud.History;
using ChatCloud.History.Conversations;
using ChatCloud.History.Rooms;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddHistory();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapDefaultEndpoints();
app.MapRoomHistoryApi();
app.MapConversationHistoryApi();
app.Run();
