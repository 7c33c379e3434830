using System.Text;
using ChatCloud.Bench.Protocol;
using ChatCloud.Irc;

namespace ChatCloud.Bench.Tests;

public sealed class BenchLineTests
{
    private static readonly byte[] Run = "a1b2c3"u8.ToArray();

    [Fact]
    public void What_a_sender_writes_a_receiver_reads_back()
    {
        byte[] prefix = BenchLine.Prefix("#bench-a1b2c3-0", "a1b2c3", step: 4, sender: 7);
        var buffer = new byte[BenchLine.MaxLineBytes];
        int length = BenchLine.Write(buffer, prefix, sequence: 123_456, timestamp: long.MaxValue);
        string written = Encoding.ASCII.GetString(buffer, 0, length);
        Assert.Equal($"PRIVMSG #bench-a1b2c3-0 :a1b2c3 4 7 123456 {long.MaxValue}\r\n", written);

        // What the server relays: the sender's prefix in front, the line end removed by framing.
        var relayed = Encoding.ASCII.GetBytes(":bench7!~bench7@127.0.0.1 " + written[..^2]);

        Assert.Equal(LineKind.Delivery, BenchLine.Classify(relayed, Run, out var delivery));
        Assert.Equal(new Delivery(4, 7, 123_456, long.MaxValue), delivery);
    }

    [Theory]
    [InlineData(":n!u@h PRIVMSG #r :a1b2c3 1 2 3 4", 1, 2, 3, 4)]
    [InlineData("@time=2026-11-25T12:00:00.000Z;msgid=x :n!u@h PRIVMSG #r :a1b2c3 1 2 3 4", 1, 2, 3, 4)]
    [InlineData(":n!u@h   privmsg   #r   :a1b2c3 10 0 99 5", 10, 0, 99, 5)]
    [InlineData("PRIVMSG #r :a1b2c3 1 2 3 4 padding after the numbers", 1, 2, 3, 4)]
    public void Bench_messages_are_recognised_in_every_shape_a_server_may_relay(string line, int step, int sender, long sequence, long timestamp)
    {
        Assert.Equal(LineKind.Delivery, BenchLine.Classify(Encoding.ASCII.GetBytes(line), Run, out var delivery));
        Assert.Equal(new Delivery(step, sender, sequence, timestamp), delivery);

        // The fast path agrees with the library's parser on what the line says.
        Assert.Equal(IrcParseError.None, IrcParser.TryParse(Encoding.ASCII.GetBytes(line), out var message));
        Assert.Equal("PRIVMSG", message.Command);
        Assert.StartsWith("a1b2c3 ", message.Parameters[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(":n!u@h PRIVMSG #r :ffffff 1 2 3 4")]
    [InlineData(":n!u@h PRIVMSG #r :a1b2c3")]
    [InlineData(":n!u@h PRIVMSG #r :a1b2c3x 1 2 3 4")]
    [InlineData(":n!u@h PRIVMSG #r :a1b2c3 1 2 3")]
    [InlineData(":n!u@h PRIVMSG #r :a1b2c3 1 2 -3 4")]
    [InlineData(":n!u@h PRIVMSG #r :a1b2c3 1 2 3x 4")]
    [InlineData(":n!u@h PRIVMSG #r :a1b2c3 99999999999 2 3 4")]
    [InlineData(":n!u@h PRIVMSG #r a1b2c3")]
    [InlineData(":n!u@h PRIVMSG #r")]
    [InlineData(":n!u@h PRIVMSG me :\u0001VERSION\u0001")]
    public void Other_privmsgs_are_foreign(string line) =>
        Assert.Equal(LineKind.ForeignPrivmsg, BenchLine.Classify(Encoding.UTF8.GetBytes(line), Run, out _));

    [Theory]
    [InlineData("PING :server")]
    [InlineData(":server 001 bench0 :Welcome")]
    [InlineData(":n!u@h NOTICE #r :a1b2c3 1 2 3 4")]
    [InlineData(":n!u@h PRIVMSGX #r :a1b2c3 1 2 3 4")]
    [InlineData(":n!u@h")]
    [InlineData("@tags-without-anything-else")]
    [InlineData("")]
    public void Everything_else_goes_to_the_parser(string line) =>
        Assert.Equal(LineKind.Other, BenchLine.Classify(Encoding.ASCII.GetBytes(line), Run, out _));
}
