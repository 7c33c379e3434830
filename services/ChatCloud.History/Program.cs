using ChatCloud.Authentication;
using ChatCloud.History;
using ChatCloud.History.Conversations;
using ChatCloud.History.Rooms;
using ChatCloud.History.Search;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddChatCloudTokenTrust();
builder.AddHistory();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
// One route table for the edge (CHATHISTORY; it checks membership and names the asker) and for
// people, whose access the endpoints check themselves (issue 4, private rooms on every path).
var readApi = app.MapGroup("").RequireAuthorization(HistoryRegistration.ReaderPolicy);
readApi.MapRoomHistoryApi();
readApi.MapConversationHistoryApi();
readApi.MapSearchApi();
app.Run();
