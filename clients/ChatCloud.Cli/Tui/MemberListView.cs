using ChatCloud.Cli.Session;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace ChatCloud.Cli.Tui;

// Who is in the current room, in their nick colours. A list longer than the pane scrolls: the mouse
// wheel over it, or Shift-PageUp/PageDown in the input line; the header says which part is shown.
internal sealed class MemberListView(ChatSession session) : View
{
    private ChatBuffer? _shown;

    public int Offset { get; private set; }

    public void Scroll(int rows)
    {
        Offset = Math.Max(0, Offset + rows);
        SetNeedsDraw();
    }

    // The offset kept in range: the header takes the first row, members fill the others, and the
    // last page is full rather than scrolled past its end.
    internal static int Clamp(int members, int rows, int offset) =>
        Math.Clamp(offset, 0, Math.Max(0, members - Math.Max(1, rows - 1)));

    internal static string Header(int members, int rows, int offset)
    {
        if (members == 0)
        {
            return "";
        }

        int visible = Math.Max(1, rows - 1);
        return members <= visible ? $"{members} here" : $"{members} here {offset + 1}-{Math.Min(members, offset + visible)}";
    }

    protected override bool OnMouseEvent(Mouse mouse)
    {
        if (mouse.Flags.HasFlag(MouseFlags.WheeledUp) || mouse.Flags.HasFlag(MouseFlags.WheeledDown))
        {
            Scroll(mouse.Flags.HasFlag(MouseFlags.WheeledUp) ? -3 : 3);
            return true;
        }

        return base.OnMouseEvent(mouse);
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        if (session.Current != _shown)
        {
            // Another room: its list starts at the top.
            _shown = session.Current;
            Offset = 0;
        }

        var members = session.Current.Members.ToArray();
        Offset = Clamp(members.Length, Viewport.Height, Offset);
        for (int row = 0; row < Viewport.Height; row++)
        {
            Move(0, row);
            if (row == 0)
            {
                SetAttribute(Theme.Dim);
                AddStr(BufferListView.Fit(Header(members.Length, Viewport.Height, Offset), Viewport.Width));
                continue;
            }

            int at = Offset + row - 1;
            string nick = at < members.Length ? members[at] : "";
            SetAttribute(nick.Length > 0 ? Theme.Nick(nick) : Theme.Text);
            AddStr(BufferListView.Fit(nick, Viewport.Width));
        }

        return true;
    }
}
