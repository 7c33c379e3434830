using ChatCloud.Cli.Session;
using Terminal.Gui.ViewBase;

namespace ChatCloud.Cli.Tui;

// Who is in the current room, in their nick colours.
internal sealed class MemberListView(ChatSession session) : View
{
    protected override bool OnDrawingContent(DrawContext? context)
    {
        var members = session.Current.Members.ToArray();
        for (int row = 0; row < Viewport.Height; row++)
        {
            Move(0, row);
            if (row == 0)
            {
                SetAttribute(Theme.Dim);
                AddStr(BufferListView.Fit(members.Length > 0 ? $"{members.Length} here" : "", Viewport.Width));
                continue;
            }

            string nick = row - 1 < members.Length ? members[row - 1] : "";
            SetAttribute(nick.Length > 0 ? Theme.Nick(nick) : Theme.Text);
            AddStr(BufferListView.Fit(nick, Viewport.Width));
        }

        return true;
    }
}
