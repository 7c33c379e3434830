using ChatCloud.Irc;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>
/// User modes (Modern IRC, "User Modes"): only <c>+i</c> (invisible) here, and only one's own.
/// </summary>
public static class UserModes
{
    // MODE <nick> [<modestring>]
    public static async ValueTask ModeAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        var target = message.Parameters[0];
        if (!IrcCaseMapping.Rfc1459.Equals(target, session.Nick))
        {
            var exists = await UserQueryCommands.FindUserAsync(session, target, cancellationToken) is not null;
            if (exists)
            {
                session.Reply(Numerics.ERR_USERSDONTMATCH, "Can't change mode for other users");
            }
            else
            {
                session.Reply(Numerics.ERR_NOSUCHNICK, target, "No such nick/channel");
            }
            return;
        }
        if (message.Parameters.Count == 1)
        {
            session.Reply(Numerics.RPL_UMODEIS, session.Invisible ? "+i" : "+");
            return;
        }
        var add = true;
        var unknown = false;
        var applied = "";
        foreach (var mode in message.Parameters[1])
        {
            switch (mode)
            {
                case '+' or '-':
                    add = mode == '+';
                    break;
                case 'i':
                    if (session.Invisible != add)
                    {
                        session.Invisible = add;
                        applied += (add ? "+" : "-") + "i";
                    }
                    break;
                default:
                    unknown = true;
                    break;
            }
        }
        if (unknown)
        {
            session.Reply(Numerics.ERR_UMODEUNKNOWNFLAG, "Unknown MODE flag");
        }
        if (applied.Length > 0)
        {
            session.Send(new IrcMessage(session.Prefix, "MODE", [session.Nick!, applied]));
        }
    }
}
