using System.Globalization;
using ChatCloud.Irc;

namespace ChatCloud.Cli.Session;

// Read markers (IRCv3 read-marker, capability draft/read-marker; docs/protocol.md "Read markers"):
// the account's read position in each room or conversation, kept by the server, so a buffer read on
// one device is not unread on another. Showing a buffer marks it read up to its newest stored line;
// a MARKREAD from the server (after a JOIN, or when another device moves it) recounts what is unread.
internal sealed partial class ChatSession
{
    private const string Capability = "draft/read-marker";

    // The MARKREAD to send for the buffer shown, when it shows a stored line past its marker; null
    // when there is nothing new to mark (or the server does not keep markers).
    public IrcMessage? ReadMarkerToSend()
    {
        var buffer = Current;
        if (!Capabilities.Contains(Capability) || buffer.Kind == BufferKind.Server || !buffer.Joined
            || buffer.LatestStored is not { } latest || buffer.ReadMarker >= latest)
        {
            return null;
        }

        // Taken as set at once; the server's answer (the position it kept) confirms or corrects it.
        buffer.ReadMarker = latest;
        return new IrcMessage("MARKREAD", buffer.Name, "timestamp=" + latest.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }

    // MARKREAD <target> timestamp=… | * — a position only moves forward (the server's rule too).
    private void ApplyReadMarker(IReadOnlyList<string> p)
    {
        if (p.Count < 2 || Find(p[0]) is not { } buffer || !p[1].StartsWith("timestamp=", StringComparison.Ordinal)
            || !DateTimeOffset.TryParse(p[1]["timestamp=".Length..], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var marker))
        {
            return;
        }

        if (buffer.ReadMarker >= marker)
        {
            return;
        }

        buffer.ReadMarker = marker;
        if (buffer != Current)
        {
            var unread = buffer.Lines.Where(line => Counts(line) && line.Time > marker).ToList();
            buffer.Unread = unread.Count;
            buffer.Mentions = unread.Count(line => line.IsMention || buffer.Kind == BufferKind.Query);
        }
    }
}
