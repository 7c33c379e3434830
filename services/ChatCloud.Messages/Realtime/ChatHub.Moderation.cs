using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;

namespace ChatCloud.Messages.Realtime;

/// <summary>
/// KICK, INVITE and MODE from a tab, against the same authority the TCP edge asks
/// (Commands/ModerationCommands.cs there): operators, bans and limits are checked there, and what is
/// applied reaches everyone, this tab included, through the room's stream.
/// </summary>
internal sealed partial class ChatHub
{
    /// <summary>Most changes one MODE carries (<c>MODES=20</c>), as on IRC.</summary>

    // KICK <channel> <user> [<comment>]
    public async Task<WebAnswer> Kick(string room, string nick, string? reason)
    {
        var member = Member();
        using var deadline = Deadline();
        return await moderation.KickAsync(room ?? "", new KickRequest(member.Actor, nick ?? "", reason), deadline.Token) is { } refused
            ? WebAnswer.Refused(refused.Numeric, refused.Text)
            : WebAnswer.Done;
    }

    /// <summary>INVITE &lt;nickname&gt; &lt;channel&gt;: lets the person past <c>+i</c>; a web member invited is sent the INVITE as an <c>event</c>.</summary>
    public async Task<WebAnswer> Invite(string room, string nick)
    {
        var member = Member();
        var (user, refused) = await RecipientAsync(nick);
        if (user is null)
        {
            return refused!;
        }
        using var deadline = Deadline();
        return await modes.InviteAsync(room ?? "", new InviteRequest(member.Actor, user.Nick), deadline.Token) is { } notInvited
            ? WebAnswer.Refused(notInvited.Numeric, notInvited.Text)
            : WebAnswer.Done;
    }

    /// <summary>
    /// MODE &lt;channel&gt; &lt;modestring&gt; [&lt;arguments&gt;…], by <c>CHANMODES=b,k,l,imnst</c> and
    /// <c>PREFIX=(ov)@+</c>: each change applied or refused on its own, as Modern IRC's MODE.
    /// </summary>
    public async Task<WebModeAnswer> Mode(string room, string modestring, string[]? arguments)
    {
        var member = Member();
        var changes = ModeString.Parse(modestring ?? "", arguments ?? [], out _);
        if (changes.Count == 0)
        {
            return new WebModeAnswer(false, [], [], Numerics.ERR_NEEDMOREPARAMS, "No mode change given (ban lists are in the room snapshot).");
        }
        using var deadline = Deadline();
        var (result, refused) = await modes.ChangeAsync(room ?? "", new ModeRequest(member.Actor, changes), deadline.Token);
        if (result is null)
        {
            return new WebModeAnswer(false, [], [], refused!.Numeric, refused.Text);
        }
        return new WebModeAnswer(true, result.Applied,
            [.. result.Refused.Select(change => WebAnswer.Refused(change.Numeric, string.Join(' ', [.. change.Parameters, change.Text])))]);
    }

}
