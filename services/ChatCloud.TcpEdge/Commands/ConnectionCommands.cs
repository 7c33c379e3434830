using ChatCloud.Irc;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Commands;

public static class ConnectionCommands
{
    // PING <token>
    public static void Ping(IrcSession session, IrcMessage message) =>
        session.Send(new IrcMessage(session.Server.Name, "PONG", [session.Server.Name, message.Parameters[0]]));

    // PONG [<server>] <token> — any line already proves the client alive; nothing to answer.
    public static void Pong(IrcSession session, IrcMessage message)
    {
    }

    // QUIT [<reason>]
    public static void Quit(IrcSession session, IrcMessage message) =>
        session.Close(message.Parameters.Count > 0 ? $"Quit: {message.Parameters[0]}" : "Client Quit");
}
