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
    public async Task Lines_queued_without_a_wake_up_wait_for_one_and_then_leave_in_one_write()
    {
        var queue = new OutboundQueue(capacity: 16);
        var pipe = new System.IO.Pipelines.Pipe();
        using var stop = new CancellationTokenSource();
        var writer = queue.RunWriterAsync(pipe.Writer, stop.Token);

        queue.TryEnqueue("NOTICE * :one\r\n"u8.ToArray(), wake: false);
        queue.TryEnqueue("NOTICE * :two\r\n"u8.ToArray(), wake: false);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        var early = pipe.Reader.TryRead(out var nothing) ? nothing.Buffer.Length : 0;
        queue.Wake();
        var read = await pipe.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(0, early);
        Assert.Equal("NOTICE * :one\r\nNOTICE * :two\r\n", System.Text.Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(read.Buffer)));
        queue.Complete();
        await writer.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Close_is_idempotent_and_keeps_the_first_reason()
    {
        var session = new IrcSession(TestConnection.CreateServer(TimeProvider.System), new OutboundQueue(16), null, isTls: false);

        session.Close("Quit: first");
        session.Close("Ping timeout");

        Assert.Equal("Quit: first", session.QuitReason);
    }

    [Fact]
    public async Task Shutting_down_tells_every_open_connection_that_the_server_is_restarting()
    {
        var server = TestConnection.CreateServer(TimeProvider.System);
        await using var registered = new TestConnection(server);
        await using var connecting = new TestConnection(server);
        registered.Register("stayer");
        server.Track(registered.Session);
        server.Track(connecting.Session);

        server.CloseAll(ChatCloud.TcpEdge.Connections.GracefulShutdown.Reason);

        Assert.Equal("ERROR :Closing Link: 127.0.0.1 (Server restarting)", await registered.ExpectAsync(line => line.StartsWith("ERROR", StringComparison.Ordinal)));
        Assert.Equal("ERROR :Closing Link: 127.0.0.1 (Server restarting)", await connecting.ExpectAsync(line => line.StartsWith("ERROR", StringComparison.Ordinal)));
    }
}
