using System.Globalization;
using ChatCloud.Cli.Session;
using Terminal.Gui.ViewBase;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace ChatCloud.Cli.Tui;

// The current buffer's lines, newest at the bottom: "HH:mm nick │ text", a rule at each new day,
// own lines dimmed with "…" until the server has stored them. PageUp/PageDown scroll.
internal sealed class MessageView(ChatSession session, TimeZoneInfo zone) : View
{
    private const int NickWidth = 12;

    // Rows scrolled up from the bottom.
    public int ScrollBack { get; set; }

    public void Scroll(int rows)
    {
        ScrollBack = Math.Max(0, ScrollBack + rows);
        SetNeedsDraw();
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        int width = Math.Max(Viewport.Width, NickWidth + 10);
        var rows = new List<(Attribute Attribute, string Text)[]>();
        foreach (var row in DayGrouping.Rows(session.Current.Lines, zone))
        {
            if (row.Day is { } day)
            {
                string label = $" {day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)} ";
                int side = Math.Max(2, (Viewport.Width - label.Length) / 2);
                rows.Add([(Theme.Separator, new string('─', side) + label + new string('─', side))]);
                continue;
            }

            rows.AddRange(Layout(row.Line!, width));
        }

        int maxScroll = Math.Max(0, rows.Count - Viewport.Height);
        ScrollBack = Math.Min(ScrollBack, maxScroll);
        int first = Math.Max(0, rows.Count - Viewport.Height - ScrollBack);
        for (int y = 0; y < Viewport.Height; y++)
        {
            Move(0, y);
            int used = 0;
            if (first + y < rows.Count)
            {
                foreach (var (attribute, text) in rows[first + y])
                {
                    string part = text.Length > Viewport.Width - used ? text[..Math.Max(0, Viewport.Width - used)] : text;
                    SetAttribute(attribute);
                    AddStr(part);
                    used += part.Length;
                }
            }

            SetAttribute(Theme.Text);
            AddStr(new string(' ', Math.Max(0, Viewport.Width - used)));
        }

        return true;
    }

    // One line as screen rows: the first with time and nick, continuations indented under the text.
    private IEnumerable<(Attribute, string)[]> Layout(ChatLine line, int width)
    {
        string time = TimeZoneInfo.ConvertTime(line.Time, zone).ToString("HH:mm", CultureInfo.InvariantCulture) + " ";
        string nick = line.Kind switch
        {
            LineKind.Action => "*",
            LineKind.Notice => $"-{line.Nick}-",
            LineKind.Event or LineKind.Error => "--",
            _ => line.Nick,
        };
        nick = nick.Length > NickWidth ? nick[..NickWidth] : nick.PadLeft(NickWidth);
        string text = line.Kind == LineKind.Action ? $"{line.Nick} {line.Text}" : line.Text;
        string suffix = line.State switch
        {
            DeliveryState.Pending => " …",
            DeliveryState.Failed => " ✗ not sent",
            _ => "",
        };
        var textAttribute = line.State != DeliveryState.Stored || line.Kind == LineKind.Event ? Theme.Dim
            : line.Kind == LineKind.Error || line.State == DeliveryState.Failed ? Theme.Error
            : line.IsMention ? Theme.Mention
            : Theme.Text;
        var nickAttribute = line.Kind is LineKind.Event or LineKind.Error ? Theme.Dim : Theme.Nick(line.Nick);
        int indent = time.Length + NickWidth + 3;
        int room = Math.Max(10, width - indent);
        string all = text + suffix;
        for (int at = 0; at < all.Length || at == 0; at += room)
        {
            string chunk = all.Substring(at, Math.Min(room, all.Length - at));
            yield return at == 0
                ? [(Theme.Dim, time), (nickAttribute, nick), (Theme.Dim, " │ "), (textAttribute, chunk)]
                : [(Theme.Dim, new string(' ', indent - 3)), (Theme.Dim, " │ "), (textAttribute, chunk)];
            if (all.Length == 0)
            {
                yield break;
            }
        }
    }
}
