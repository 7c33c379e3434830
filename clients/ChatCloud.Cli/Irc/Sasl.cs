using System.Text;

namespace ChatCloud.Cli.Irc;

// SASL responses as AUTHENTICATE parameters: base64 in chunks of 400 bytes, and a lone "+" after a
// last chunk of exactly 400, so the server knows the response has ended (IRCv3 sasl-3.1). A JWT for
// OAUTHBEARER is longer than one chunk.
internal static class Sasl
{
    public const int ChunkLength = 400;

    // RFC 4616: [authzid] NUL authcid NUL password.
    public static IReadOnlyList<string> Plain(string account, string password) =>
        Chunks($"\0{account}\0{password}");

    // RFC 7628 §3.1: a GS2 header without authzid (the edge takes the account from the token), then
    // auth=Bearer <token>, each field ended by ^A, and one more ^A.
    public static IReadOnlyList<string> OAuthBearer(string token) =>
        Chunks($"n,,\u0001auth=Bearer {token}\u0001\u0001");

    private static List<string> Chunks(string response)
    {
        string encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(response));
        var chunks = new List<string>();
        for (int at = 0; at < encoded.Length; at += ChunkLength)
        {
            chunks.Add(encoded.Substring(at, Math.Min(ChunkLength, encoded.Length - at)));
        }

        if (chunks.Count == 0 || chunks[^1].Length == ChunkLength)
        {
            chunks.Add("+");
        }

        return chunks;
    }
}
