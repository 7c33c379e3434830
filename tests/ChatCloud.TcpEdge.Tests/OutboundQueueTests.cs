using ChatCloud.TcpEdge.Connections;
using ChatCloud.TcpEdge.Server;
using System.Net;
using Xunit;

namespace ChatCloud.TcpEdge.Tests;

public sealed class OutboundQueueTests
{
    [Fact]
    public void A_client_that_stops_reading_is_disconnected_when_its_queue_is_full()
    {
        var queue = new OutboundQueue(capacity: 16);
        var session = new IrcSession(TestConnection.CreateServer(TimeProvider.System), queue, new IPEndPoint(IPAddress.Loopback, 1), isTls: false);

        for (var line = 0; line < 16; line++)
        {
            session.Send("NOTICE * :filler\r\n"u8.ToArray());
        }
        var beforeOverflow = session.QuitReason;
        session.Send("NOTICE * :one too many\r\n"u8.ToArray());

        Assert.Null(beforeOverflow);
        Assert.Equal("SendQ exceeded", session.QuitReason);
        Assert.False(queue.TryEnqueue("NOTICE * :after close\r\n"u8.ToArray()));
    }

    [Fact]
    public void Close_is_idempotent_and_keeps_the_first_reason()
    {
        var session = new IrcSession(TestConnection.CreateServer(TimeProvider.System), new OutboundQueue(16), null, isTls: false);

        session.Close("Quit: first");
        session.Close("Ping timeout");

        Assert.Equal("Quit: first", session.QuitReason);
    }
}
