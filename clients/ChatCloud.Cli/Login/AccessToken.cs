using System.Text;
using System.Text.Json;

namespace ChatCloud.Cli.Login;

// An access token and when it stops being valid; SASL OAUTHBEARER sends the token (RFC 7628).
internal sealed record AccessToken(string Value, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"AccessToken {{ ExpiresAt = {ExpiresAt:O} }}";

    // A claim of a JWT's payload, read without checking the signature: the client only learns its own
    // account name from it; the edge is the one that checks the token.
    public static string? Claim(string jwt, string name)
    {
        string[] parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            string payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }
}

// Where a connection gets its token: before each connection and before each SASL re-authentication.
internal interface IAccessTokenSource
{
    Task<AccessToken> GetAsync(CancellationToken cancellationToken);
}
