using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatCloud.Cli.Session;

namespace ChatCloud.Cli.Scripting;

// How `tail` prints a line: "2026-11-25T10:00:00.000Z #ops <alice> text", or one JSON object.
internal static class LineFormat
{
    public static string Text(string room, ChatLine line)
    {
        string time = line.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return line.Kind switch
        {
            LineKind.Action => $"{time} {room} * {line.Nick} {line.Text}",
            LineKind.Notice => $"{time} {room} -{line.Nick}- {line.Text}",
            _ => $"{time} {room} <{line.Nick}> {line.Text}",
        };
    }

    public static string Json(string room, ChatLine line)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("time", line.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("room", room);
            writer.WriteString("nick", line.Nick);
            writer.WriteString("account", line.Account);
            writer.WriteString("msgid", line.MsgId);
            writer.WriteString("kind", line.Kind.ToString().ToLowerInvariant());
            writer.WriteString("text", line.Text);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
