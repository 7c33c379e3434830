using ChatCloud.Authentication;
using ChatCloud.History;
using ChatCloud.History.Conversations;
using ChatCloud.History.Rooms;

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
// Asked by the edge for CHATHISTORY, which checks membership and names the asker: services only
// until a user-facing history checks room access itself (issue 4, private rooms on every path).
var internalApi = app.MapGroup("").RequireAuthorization(ChatCloudPolicies.Service);
internalApi.MapRoomHistoryApi();
internalApi.MapConversationHistoryApi();
app.Run();
