using ChatCloud.Auth;
using ChatCloud.Auth.Abuse;
using ChatCloud.Auth.Accounts;
using ChatCloud.Auth.Credentials;
using ChatCloud.Auth.OpenId;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAuth();

var app = builder.Build();
app.UseExceptionHandler();
app.UseTokenEndpointLimit();
app.UseAuthentication();
app.MapDefaultEndpoints();
app.MapAccountsApi();
app.MapCredentialsApi();
app.MapOidcEndpoints();
app.Run();
