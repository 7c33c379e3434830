using ChatCloud.Cli.Session;
using Terminal.Gui.ViewBase;

namespace ChatCloud.Cli.Tui;

// The rooms and direct messages, with unread counts and, in red, mentions: "#ops 3 (1)".
internal sealed class BufferListView(ChatSession session) : View
{
    protected override bool OnDrawingContent(DrawContext? context)
    {
        int width = Viewport.Width;
        for (int row = 0; row < Viewport.Height; row++)
        {
            Move(0, row);
            if (row >= session.Buffers.Count)
            {
                SetAttribute(Theme.Text);
                AddStr(new string(' ', width));
                continue;
            }

            var buffer = session.Buffers[row];
            string counts = buffer.Unread > 0 ? $" {buffer.Unread}" + (buffer.Mentions > 0 ? $"({buffer.Mentions})" : "") : "";
            string name = buffer.Kind == BufferKind.Server ? "server" : buffer.Name;
            if (!buffer.Joined)
            {
                name = $"({name})";
            }

            string text = Fit($"{(row + 1) % 10} {name}{counts}", width);
            SetAttribute(buffer == session.Current ? Theme.Selected
                : buffer.Mentions > 0 ? Theme.Mention
                : buffer.Unread > 0 ? Theme.Unread
                : Theme.Text);
            AddStr(text);
        }

        return true;
    }

    internal static string Fit(string text, int width) =>
        width <= 0 ? "" : text.Length >= width ? text[..width] : text.PadRight(width);
}
