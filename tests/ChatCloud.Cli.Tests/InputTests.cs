using ChatCloud.Cli.Commands;

namespace ChatCloud.Cli.Tests;

public sealed class InputTests
{
    [Fact]
    public void History_goes_up_to_older_lines_and_down_back_to_the_draft()
    {
        var history = new InputHistory();
        history.Add("first");
        history.Add("second");

        Assert.Equal("second", history.Up("draft"));
        Assert.Equal("first", history.Up("second"));
        Assert.Equal("first", history.Up("first"));
        Assert.Equal("second", history.Down("first"));
        Assert.Equal("draft", history.Down("second"));
        Assert.Equal("draft", history.Down("draft"));
    }

    [Fact]
    public void Tab_completes_nicks_rooms_and_commands_and_cycles()
    {
        var completion = new TabCompletion();
        string[] commands = ["join", "jump", "quit"];
        string[] rooms = ["#ops", "#other"];
        string[] nicks = ["alice", "alfred", "bob"];

        Assert.Equal("alfred: ", completion.Complete("al", commands, rooms, nicks));
        Assert.Equal("alice: ", completion.Complete("alfred: ", commands, rooms, nicks));
        completion.Reset();
        Assert.Equal("hi bob ", completion.Complete("hi b", commands, rooms, nicks));
        completion.Reset();
        Assert.Equal("/join ", completion.Complete("/jo", commands, rooms, nicks));
        completion.Reset();
        Assert.Equal("/join #ops ", completion.Complete("/join #op", commands, rooms, nicks));
        completion.Reset();
        Assert.Equal("zzz", completion.Complete("zzz", commands, rooms, nicks));
    }

    [Theory]
    [InlineData("/register bob s3cret-pass", true)]
    [InlineData("  /REGISTER bob s3cret-pass", true)]
    [InlineData("/msg NickServ IDENTIFY hunter22", true)]
    [InlineData("/ns identify hunter22", true)]
    [InlineData("/oper admin hunter22", true)]
    [InlineData("/msg bob register for the event", false)]
    [InlineData("/registered", false)]
    [InlineData("hello", false)]
    public void Lines_with_a_password_are_told_apart(string line, bool secret) =>
        Assert.Equal(secret, SecretInput.IsSecret(line));

    [Fact]
    public void History_never_keeps_a_line_with_a_password()
    {
        var history = new InputHistory();
        history.Add("/join #ops");
        history.Add("/register bob s3cret-pass");
        history.Add("/msg NickServ IDENTIFY hunter22");

        Assert.Equal("/join #ops", history.Up(""));
        Assert.Equal("/join #ops", history.Up("/join #ops"));
    }

    [Theory]
    [InlineData(5, 10, 0, 0, "5 here")]
    [InlineData(5, 10, 4, 0, "5 here")]
    [InlineData(30, 10, 0, 0, "30 here 1-9")]
    [InlineData(30, 10, 9, 9, "30 here 10-18")]
    [InlineData(30, 10, 50, 21, "30 here 22-30")]
    [InlineData(30, 10, -3, 0, "30 here 1-9")]
    [InlineData(0, 10, 0, 0, "")]
    public void The_member_list_scrolls_within_its_members_and_says_which_are_shown(int members, int rows, int offset, int kept, string header)
    {
        int clamped = ChatCloud.Cli.Tui.MemberListView.Clamp(members, rows, offset);

        Assert.Equal(kept, clamped);
        Assert.Equal(header, ChatCloud.Cli.Tui.MemberListView.Header(members, rows, clamped));
    }
}
