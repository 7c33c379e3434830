using ChatCloud.Irc;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

/// <summary>Applies the table's generic checks once, so handlers only see commands they can act on.</summary>
public static class CommandDispatcher
{
    public static ValueTask DispatchAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken) =>
        LabeledResponse.For(session, message) is { } response
            ? DispatchLabeledAsync(response, session, message, cancellationToken)
            : DispatchCoreAsync(session, message, cancellationToken);

    /// <summary>
    /// Runs the command with its response collecting what the handler sends to this session. Set
    /// inside this async method, the response flows to the handler's awaits and is gone when it returns.
    /// </summary>
    private static async ValueTask DispatchLabeledAsync(LabeledResponse response, IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        LabeledResponse.Current = response;
        try
        {
            await DispatchCoreAsync(session, message, cancellationToken);
        }
        finally
        {
            response.End();
            LabeledResponse.Current = null;
        }
    }

    private static ValueTask DispatchCoreAsync(IrcSession session, IrcMessage message, CancellationToken cancellationToken)
    {
        if (!CommandTable.Commands.TryGetValue(message.Command, out var spec))
        {
            // Before registration an unknown command is answered 451, as Modern IRC lets servers do.
            if (session.IsRegistered)
            {
                session.Reply(Numerics.ERR_UNKNOWNCOMMAND, message.Command, "Unknown command");
            }
            else
            {
                session.Reply(Numerics.ERR_NOTREGISTERED, "You have not registered");
            }
            return ValueTask.CompletedTask;
        }
        if (!spec.BeforeRegistration && !session.IsRegistered)
        {
            session.Reply(Numerics.ERR_NOTREGISTERED, "You have not registered");
            return ValueTask.CompletedTask;
        }
        if (message.Parameters.Count < spec.MinParameters)
        {
            session.Reply(Numerics.ERR_NEEDMOREPARAMS, message.Command, "Not enough parameters");
            return ValueTask.CompletedTask;
        }
        return spec.Handler(session, message, cancellationToken);
    }
}
