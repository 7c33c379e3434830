using ChatCloud.Cli.Session;
using Terminal.Gui.ViewBase;

namespace ChatCloud.Cli.Tui;

// One line: connection status, then the current buffer and its topic.
internal sealed class StatusLineView(ChatSession session) : View
{
    protected override bool OnDrawingContent(DrawContext? context)
    {
        string status = session.Status?.Describe() ?? "starting";
        string topic = session.Current.Topic is { } t ? $" — {t}" : "";
        string text = $"[{status}] [{session.Nick}] {session.Current.Name}{topic}";
        Move(0, 0);
        SetAttribute(Theme.Status);
        AddStr(BufferListView.Fit(text, Viewport.Width));
        return true;
    }
}
