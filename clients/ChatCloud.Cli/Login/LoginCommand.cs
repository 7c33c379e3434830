using System.Runtime.InteropServices;
using ChatCloud.Cli.App;
using ChatCloud.Cli.Irc;

namespace ChatCloud.Cli.Login;

// `chatcloud login`: the device authorization grant (RFC 8628) — the terminal shows a code, the user
// allows it in a browser (anywhere: the terminal needs none), and the refresh token is saved in
// login.json (0600). The password is typed only into the provider's own page, never here.
// `chatcloud logout`: revokes the refresh token (RFC 7009) and deletes the file.
internal static class LoginCommand
{
    public static async Task<int> LoginAsync(Uri issuer, string path)
    {
        using var interrupted = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            interrupted.Cancel();
        });
        using var http = IdentityProvider.CreateHttpClient();
        var provider = new IdentityProvider(http, issuer, TimeProvider.System);
        try
        {
            var device = await provider.StartDeviceAsync(interrupted.Token);
            Console.WriteLine($"To sign in, open {device.VerificationUri} and enter the code {device.UserCode}");
            if (device.VerificationUriComplete is { } complete)
            {
                Console.WriteLine($"or open {complete}");
            }

            Console.WriteLine($"Waiting (the code expires at {device.ExpiresAt.ToLocalTime():HH:mm})…");
            var tokens = await provider.PollAsync(device, interrupted.Token);
            // Keycloak names the account in preferred_username; the auth service in name.
            string? account = AccessToken.Claim(tokens.AccessToken, "preferred_username") ?? AccessToken.Claim(tokens.AccessToken, "name");
            if (account is null || tokens.RefreshToken is null)
            {
                await Console.Error.WriteLineAsync("chatcloud: the provider's answer has no account name or no refresh token.");
                return ExitCodes.AuthenticationFailed;
            }

            new SavedLogin(issuer.AbsoluteUri, account, tokens.RefreshToken).Save(path);
            Console.WriteLine($"Signed in as {account}. The login is saved in {path} (a refresh token, no password); chatcloud logout forgets it.");
            return ExitCodes.Ok;
        }
        catch (AuthenticationFailedException exception)
        {
            await Console.Error.WriteLineAsync($"chatcloud: {exception.Message}");
            return ExitCodes.AuthenticationFailed;
        }
        catch (IOException exception)
        {
            await Console.Error.WriteLineAsync($"chatcloud: {exception.Message}");
            return ExitCodes.ConnectionFailed;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("chatcloud: login cancelled.");
            return ExitCodes.AuthenticationFailed;
        }
    }

    public static async Task<int> LogoutAsync(string path)
    {
        SavedLogin? login;
        try
        {
            login = SavedLogin.Load(path);
        }
        catch (InvalidOperationException)
        {
            login = null;
        }

        if (login is not null)
        {
            // Best effort: the file goes in any case, and an unrevoked token expires by itself.
            using var http = IdentityProvider.CreateHttpClient();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await new IdentityProvider(http, login.IssuerUri, TimeProvider.System).RevokeAsync(login.RefreshToken, deadline.Token);
            }
            catch (Exception exception) when (exception is IOException or AuthenticationFailedException or OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"chatcloud: could not revoke the token ({exception.Message}); it expires by itself.");
            }
        }

        if (File.Exists(path))
        {
            File.Delete(path);
            Console.WriteLine($"Signed out; {path} is deleted.");
        }
        else
        {
            Console.WriteLine("No saved login.");
        }

        return ExitCodes.Ok;
    }
}
