using ChatCloud.Auth;
using ChatCloud.Auth.Accounts;
using ChatCloud.Auth.Credentials;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddAuth();

var app = builder.Build();
app.UseExceptionHandler();
app.MapDefaultEndpoints();
app.MapAccountsApi();
app.MapCredentialsApi();
app.Run();
