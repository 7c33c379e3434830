using System.Text;

namespace ChatCloud.TcpEdge.Accounts;

/// <summary>One connection's AUTHENTICATE state (IRCv3 sasl-3.1): the mechanism chosen, the response so far.</summary>
public sealed class SaslExchange
{
    public const string Plain = "PLAIN";
    public const string OAuthBearer = "OAUTHBEARER";

    /// <summary>RFC 7628 §3.2.2: after an error challenge the client answers one kvsep, and only then fails.</summary>
    public const string OAuthBearerFailed = "OAUTHBEARER (failed)";

    /// <summary>
    /// A response arrives base64-encoded in 400-byte chunks. PLAIN needs at most an account name (30),
    /// a password (256 characters, up to 1,024 bytes) and two NULs, about 1,450 base64 bytes: four
    /// chunks hold it with room to spare, and anything longer is refused (905) without decoding.
    /// An OAUTHBEARER access token (a JWT of about 1 KB) with its framing fits in eight.
    /// </summary>
    public const int ChunkLength = 400;
    public const int MaxResponseLength = 4 * ChunkLength;
    public const int MaxTokenResponseLength = 8 * ChunkLength;

    public int MaxLength => Mechanism == OAuthBearer ? MaxTokenResponseLength : MaxResponseLength;

    private readonly StringBuilder _response = new();

    public string? Mechanism { get; private set; }

    public bool InProgress => Mechanism is not null;

    public int ResponseLength => _response.Length;

    public void Start(string mechanism)
    {
        Mechanism = mechanism;
        _response.Clear();
    }

    public void Append(string chunk) => _response.Append(chunk);

    public string Response => _response.ToString();

    public void Clear()
    {
        Mechanism = null;
        _response.Clear();
    }
}

/// <summary>What PASS gave before registration: <c>account:password</c>, or a password for the nick's account.</summary>
public sealed record PassCredentials(string? Account, string Password)
{
    public override string ToString() => $"PassCredentials {{ Account = {Account} }}";
}
