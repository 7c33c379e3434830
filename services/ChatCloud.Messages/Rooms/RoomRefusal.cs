using ChatCloud.Contracts.Rooms;
using ChatCloud.Irc;

namespace ChatCloud.Messages.Rooms;

/// <summary>A room command refused, with the IRC reply the edge sends (Modern IRC numerics and texts).</summary>
internal sealed record RoomRefusal(int Status, string Numeric, string Text)
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

    public IResult ToProblem(string room) => TypedResults.Problem(
        statusCode: Status,
        title: Text,
        detail: $"{room}: {Text}",
        extensions: new Dictionary<string, object?> { [RoomProblem.NumericKey] = Numeric, [RoomProblem.TextKey] = Text });
}
