using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;

namespace ChatCloud.Messages.Rooms;

/// <summary>
/// A room command refused, with the IRC reply the edge sends (Modern IRC numerics and texts; for REDACT
/// the FAIL code of IRCv3 draft/message-redaction, and in <see cref="Context"/> the window it exceeded).
/// </summary>
internal sealed record RoomRefusal(int Status, string Numeric, string Text, string? Context = null)
{
    public static RoomRefusal BadName => new(StatusCodes.Status400BadRequest, Numerics.ERR_BADCHANMASK, "Bad Channel Mask");
    public static RoomRefusal NoSuchChannel => new(StatusCodes.Status404NotFound, Numerics.ERR_NOSUCHCHANNEL, "No such channel");
    public static RoomRefusal NotOnChannel => new(StatusCodes.Status409Conflict, Numerics.ERR_NOTONCHANNEL, "You're not on that channel");
    public static RoomRefusal Full => new(StatusCodes.Status403Forbidden, Numerics.ERR_CHANNELISFULL, "Cannot join channel (+l)");
    public static RoomRefusal InviteOnly => new(StatusCodes.Status403Forbidden, Numerics.ERR_INVITEONLYCHAN, "Cannot join channel (+i)");
    public static RoomRefusal Banned => new(StatusCodes.Status403Forbidden, Numerics.ERR_BANNEDFROMCHAN, "Cannot join channel (+b)");
    public static RoomRefusal NotOperator => new(StatusCodes.Status403Forbidden, Numerics.ERR_CHANOPRIVSNEEDED, "You're not channel operator");
    public static RoomRefusal TargetNotOnChannel => new(StatusCodes.Status409Conflict, Numerics.ERR_USERNOTINCHANNEL, "They aren't on that channel");
    public static RoomRefusal UserOnChannel => new(StatusCodes.Status409Conflict, Numerics.ERR_USERONCHANNEL, "is already on channel");
    public static RoomRefusal NickInUse => new(StatusCodes.Status409Conflict, Numerics.ERR_NICKNAMEINUSE, "Nickname is already in use");
    public static RoomRefusal BadKey => new(StatusCodes.Status403Forbidden, Numerics.ERR_BADCHANNELKEY, "Cannot join channel (+k)");

    public static RoomRefusal RedactInvalidTarget => new(StatusCodes.Status404NotFound, "INVALID_TARGET", "You cannot delete messages from that target");
    public static RoomRefusal RedactForbidden => new(StatusCodes.Status403Forbidden, "REDACT_FORBIDDEN", "You are not authorised to delete this message");
    public static RoomRefusal UnknownMsgid => new(StatusCodes.Status404NotFound, "UNKNOWN_MSGID", "This message does not exist or is too old");

    public static RoomRefusal RedactWindowExpired(TimeSpan window) => new(StatusCodes.Status403Forbidden, "REDACT_WINDOW_EXPIRED",
        "You can no longer delete this message", ((long)window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public IResult ToProblem(string room)
    {
        var extensions = new Dictionary<string, object?> { [RoomProblem.NumericKey] = Numeric, [RoomProblem.TextKey] = Text };
        if (Context is not null)
        {
            extensions[RoomProblem.ContextKey] = Context;
        }
        return TypedResults.Problem(statusCode: Status, title: Text, detail: $"{room}: {Text}", extensions: extensions);
    }
}
