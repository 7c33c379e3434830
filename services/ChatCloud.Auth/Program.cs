using ChatCloud.Auth;
using ChatCloud.Auth.Abuse;
using ChatCloud.Auth.Accounts;
using ChatCloud.Auth.AccountSecurity;
using ChatCloud.Auth.AppPasswords;
using ChatCloud.Auth.Credentials;
using ChatCloud.Auth.OpenId;
using ChatCloud.Auth.Privacy;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAuth();

var app = builder.Build();
app.UseExceptionHandler();
// Errors without a body (a 401 from the token check) get a problem body too.
app.UseStatusCodePages();
app.UseTokenEndpointLimit();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapAccountsApi();
app.MapCredentialsApi();
app.MapOidcEndpoints();
app.MapAccountSecurityApi();
app.MapAppPasswordsApi();
app.MapPrivacyApi();
app.Run();
