using ChatCloud.Auth;
using ChatCloud.Auth.Abuse;
using ChatCloud.Auth.Accounts;
using ChatCloud.Auth.AccountSecurity;
using ChatCloud.Auth.Administration;
using ChatCloud.Auth.AppPasswords;
using ChatCloud.Auth.Credentials;
using ChatCloud.Auth.OpenId;
using ChatCloud.Auth.Privacy;
using ChatCloud.Authentication;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddChatCloudTokenTrust();
builder.AddAuth();

var app = builder.Build();
// First: everything after sees the browser's address and the gateway's host (OpenId/GatewayForwarding.cs).
app.UseForwardedHeaders();
app.UseExceptionHandler();
// Errors without a body (a 401 from the token check) get a problem body too.
app.UseStatusCodePages();
app.UseTokenEndpointLimit();
// Authentication first: OpenIddict answers discovery, JWKS, token and revocation in it, before any policy.
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
// Sign-up and password checks are asked by the edge for IRC clients (REGISTER, SASL PLAIN): services only.
var internalApi = app.MapGroup("").RequireAuthorization(ChatCloudPolicies.Service);
internalApi.MapAccountsApi();
internalApi.MapCredentialsApi();
app.MapAdminAccountsApi();
// The sign-in page and the code flow's endpoints: whoever comes here has no token yet.
app.MapGroup("").AllowAnonymous().MapOidcEndpoints();
// The signed-in user's own account, checked against its live sessions (AccountSecurity/AccountAuthentication.cs).
app.MapAccountSecurityApi();
// The web app reaches auth through the gateway's /api/auth: sign-up, and the same account API as above.
var browserApi = app.MapGroup("/api/auth");
browserApi.MapBrowserSignUpApi();
browserApi.MapAccountSecurityApi();
app.MapAppPasswordsApi();
app.MapPrivacyApi();
app.Run();
