using ChatCloud.Authentication;
using ChatCloud.Messages;
using ChatCloud.Messages.Conversations;
using ChatCloud.Messages.Privacy;
using ChatCloud.Messages.Realtime;
using ChatCloud.Messages.ReadMarkers;
using ChatCloud.Messages.Rooms;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddChatCloudTokenTrust();
builder.AddMessages();
builder.AddRealtime();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
// The room authority, conversations, read markers and the export's messages part are asked by
// other services (the edges, auth), which name the account: services only.
var internalApi = app.MapGroup("").RequireAuthorization(ChatCloudPolicies.Service);
internalApi.MapRoomsApi();
internalApi.MapConversationsApi();
internalApi.MapReadMarkersApi();
internalApi.MapAccountExportApi();
// The web's realtime edge: signed-in users.
app.MapRealtime();
app.Run();
