using ChatCloud.Cli.Commands;
using ChatCloud.Cli.Session;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace ChatCloud.Cli.Tui;

// The screen: buffers on the left, messages in the middle, members on the right, the status line and
// the input at the bottom. Keys: Enter sends, Up/Down history, Tab completes, PageUp/PageDown scroll
// (with Shift, the member list),
// Ctrl-N/Ctrl-P or Alt-1…9 switch buffers, Ctrl-C or /quit leaves.
internal sealed class MainWindow : Window
{
    private const int SideWidth = 22;

    private readonly ChatSession _session;
    private readonly InputHistory _history = new();
    private readonly TabCompletion _completion = new();

    public MainWindow(ChatSession session, ChatController controller)
    {
        _session = session;
        Title = $"chatcloud {ChatCloud.Cli.App.Launcher.Version}";
        Buffers = new BufferListView(session) { X = 0, Y = 0, Width = SideWidth, Height = Dim.Fill(2) };
        Messages = new MessageView(session, TimeZoneInfo.Local) { X = SideWidth + 1, Y = 0, Width = Dim.Fill(SideWidth + 1), Height = Dim.Fill(2) };
        Members = new MemberListView(session) { X = Pos.AnchorEnd(SideWidth), Y = 0, Width = SideWidth, Height = Dim.Fill(2) };
        Status = new StatusLineView(session) { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill(), Height = 1 };
        Input = new TextField { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill() };
        Add(Buffers, Messages, Members, Status, Input);
        Input.KeyDown += (_, key) => OnInputKey(key, controller);
        // A line with a password is masked from its command word on (SecretInput).
        Input.TextChanged += (_, _) => Input.Secret = SecretInput.IsSecret(Input.Text);
        session.Changed += Redraw;
    }

    public BufferListView Buffers { get; }

    public MessageView Messages { get; }

    public MemberListView Members { get; }

    public StatusLineView Status { get; }

    public TextField Input { get; }

    public void Redraw()
    {
        Buffers.SetNeedsDraw();
        Messages.SetNeedsDraw();
        Members.SetNeedsDraw();
        Status.SetNeedsDraw();
    }

    private void OnInputKey(Key key, ChatController controller)
    {
        if (key == Key.Enter)
        {
            string text = Input.Text;
            if (text.Length > 0)
            {
                _history.Add(text);
                Input.Text = "";
                Messages.ScrollBack = 0;
                if (!controller.Execute(text))
                {
                    // Not carried out (an error is shown): the text stays for the user to fix or resend.
                    Input.Text = text;
                    Input.MoveEnd();
                }
            }

            key.Handled = true;
        }
        else if (key == Key.CursorUp || key == Key.CursorDown)
        {
            Input.Text = key == Key.CursorUp ? _history.Up(Input.Text) : _history.Down(Input.Text);
            Input.MoveEnd();
            key.Handled = true;
        }
        else if (key == Key.Tab)
        {
            Input.Text = _completion.Complete(
                Input.Text, CommandTable.All.Select(spec => spec.Name),
                _session.Buffers.Where(b => b.Kind == BufferKind.Room).Select(b => b.Name), _session.Current.Members);
            Input.MoveEnd();
            key.Handled = true;
            return;
        }
        else if (key == Key.PageUp.WithShift || key == Key.PageDown.WithShift)
        {
            Members.Scroll((key == Key.PageUp.WithShift ? -1 : 1) * Math.Max(1, Members.Viewport.Height - 2));
            key.Handled = true;
        }
        else if (key == Key.PageUp || key == Key.PageDown)
        {
            Messages.Scroll((key == Key.PageUp ? 1 : -1) * Math.Max(1, Messages.Viewport.Height - 2));
            key.Handled = true;
        }
        else if (key == Key.N.WithCtrl || key == Key.P.WithCtrl)
        {
            _session.SwitchBy(key == Key.N.WithCtrl ? 1 : -1);
            controller.MarkRead();
            key.Handled = true;
        }
        else if (key.IsAlt && key.NoAlt.AsRune.Value is >= '1' and <= '9' and var digit && digit - '1' < _session.Buffers.Count)
        {
            _session.Switch(_session.Buffers[digit - '1']);
            controller.MarkRead();
            key.Handled = true;
        }

        _completion.Reset();
    }
}
