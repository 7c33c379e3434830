using System.IO.Pipelines;
using ChatCloud.TcpEdge.Connections;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

/// <summary>Registration and ping timeouts, on a fake clock.</summary>
public sealed class LivenessTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly Pipe _input = new();

    [Fact]
    public async Task A_connection_that_never_registers_is_closed_after_the_registration_timeout()
    {
        await using var connection = new TestConnection(CreateServer(_time));
        using var liveness = new Liveness(connection.Server, connection.Session, _input.Reader);

        _time.Advance(TimeSpan.FromSeconds(59));
        var earlier = connection.Session.QuitReason;
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Null(earlier);
        Assert.Equal("Registration timed out", connection.Session.QuitReason);
        Assert.Contains("(Registration timed out)", await connection.ExpectAsync(line => Verb(line) == "ERROR"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silent_client_is_pinged_then_dropped()
    {
        await using var connection = new TestConnection(CreateServer(_time));
        connection.Register("quiet");
        using var liveness = new Liveness(connection.Server, connection.Session, _input.Reader);

        _time.Advance(TimeSpan.FromSeconds(91));
        var ping = await connection.ExpectAsync(line => Verb(line) == "PING");
        _time.Advance(TimeSpan.FromSeconds(90));

        Assert.Equal("PING chatcloud.local", ping);
        Assert.StartsWith("Ping timeout", connection.Session.QuitReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_line_from_the_client_resets_the_silence()
    {
        await using var connection = new TestConnection(CreateServer(_time));
        connection.Register("chatty");
        using var liveness = new Liveness(connection.Server, connection.Session, _input.Reader);

        for (var minute = 0; minute < 10; minute++)
        {
            _time.Advance(TimeSpan.FromSeconds(60));
            liveness.Heard();
        }

        Assert.Null(connection.Session.QuitReason);
    }
}
