using System.Text;

namespace ChatCloud.Bench.Clients;

public sealed record SaslCredentials(string User, string Password)
{
    // "{i}" in either part becomes the client's index, for servers with one account per session.
    public static SaslCredentials Parse(string userColonPassword)
    {
        int colon = userColonPassword.IndexOf(':', StringComparison.Ordinal);
        return new SaslCredentials(userColonPassword[..colon], userColonPassword[(colon + 1)..]);
    }

    public SaslCredentials For(int index)
    {
        string i = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new SaslCredentials(User.Replace("{i}", i, StringComparison.Ordinal), Password.Replace("{i}", i, StringComparison.Ordinal));
    }

    // Hidden from records' generated ToString, so a password never reaches a log or an exception text.
    public override string ToString() => $"SaslCredentials {{ User = {User} }}";
}

// What every client of one run shares.
public sealed class ClientSettings(string nickPrefix, string runId, SaslCredentials? sasl)
{
    public string NickPrefix { get; } = nickPrefix;

    // Six hex digits naming this run: in room names and in every payload, so a server that replays
    // channel history (InspIRCd's chanhistory) or a second bench on the same server cannot mix in.
    public string RunId { get; } = runId;

    public byte[] RunIdBytes { get; } = Encoding.ASCII.GetBytes(runId);

    public SaslCredentials? Sasl { get; } = sasl;

    public static string NewRunId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
}
