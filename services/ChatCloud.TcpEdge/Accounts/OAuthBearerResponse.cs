using System.Text;

namespace ChatCloud.TcpEdge.Accounts;

/// <summary>
/// The client's initial response of SASL OAUTHBEARER (RFC 7628 §3.1), decoded from base64:
/// <c>gs2-header kvsep *kvpair kvsep</c>, e.g. <c>n,a=alice,^Aauth=Bearer eyJ…^A^A</c>.
/// </summary>
public sealed record OAuthBearerResponse(string? AuthorizationId, string Token)
{
    private const char KvSep = '\u0001';

    /// <summary>Null when the response is not a well-formed OAUTHBEARER initial response with a bearer token.</summary>
    public static OAuthBearerResponse? Parse(string base64)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(base64));
        }
        catch (Exception exception) when (exception is FormatException or DecoderFallbackException)
        {
            return null;
        }
        // gs2-header = gs2-cbind-flag "," [ authzid ] ","; channel binding ("p=…") is not offered, and
        // "y" says the client thinks the server does not offer it either: both are fine (RFC 5801 §5).
        var parts = text.Split(KvSep);
        var header = parts[0].Split(',');
        if (header.Length != 3 || header[0] is not ("n" or "y") || header[2].Length != 0
            || (header[1].Length > 0 && !header[1].StartsWith("a=", StringComparison.Ordinal)))
        {
            return null;
        }
        // The message ends with two kvseps: the last two parts are empty, and nothing may follow.
        if (parts.Length < 3 || parts[^1].Length != 0 || parts[^2].Length != 0)
        {
            return null;
        }
        string? token = null;
        foreach (var pair in parts[1..^2])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return null;
            }
            if (pair[..equals] == "auth")
            {
                // auth-value = "Bearer" 1*SP b64token (RFC 6750 §2.1; the scheme is case-insensitive).
                var value = pair[(equals + 1)..];
                if (!value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }
                token = value["Bearer ".Length..].TrimStart(' ');
            }
        }
        return string.IsNullOrEmpty(token) ? null
            : new OAuthBearerResponse(header[1].Length > 0 ? header[1][2..] : null, token);
    }
}
