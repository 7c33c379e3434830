using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>REDACT (IRCv3 draft/message-redaction) on the booted suite: decided and stored by the messages service, relayed by the room's (or conversation's) stream.</summary>
public sealed class RedactionTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static async Task<IrcTestClient> JoinAsync(int port, string nick, string room)
    {
        var client = await ConnectAsync(port, cancellationToken: Cancellation);
        await client.SendAsync("CAP LS 302", Cancellation);
        await client.SendAsync("CAP REQ :message-tags echo-message batch draft/chathistory draft/message-redaction", Cancellation);
        await client.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal), Cancellation);
        await client.RegisterAsync(nick, Cancellation);
        await client.SendAsync($"JOIN {room}", Cancellation);
        await client.ExpectAsync(line => Verb(line) == "366", Cancellation);
        return client;
    }

    [Fact]
    public async Task The_author_redacts_others_see_it_history_forgets_it_a_bystander_is_forbidden_and_an_operator_may()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var room = "#rd" + suffix;
        // The first to join is the room's operator; the author and the bystander are not.
        await using var op = await JoinAsync(suite.IrcPort, "rdop" + suffix, room);
        await using var author = await JoinAsync(suite.IrcPort, "rdau" + suffix, room);
        await using var bystander = await JoinAsync(suite.IrcPort, "rdby" + suffix, room);
        await author.SendAsync($"PRIVMSG {room} :something to take back", Cancellation);
        var echo = await author.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal), Cancellation);
        var msgid = MsgidOf(echo);

        await bystander.SendAsync($"REDACT {room} {msgid} :not mine", Cancellation);
        var forbidden = await bystander.ExpectAsync(line => Verb(line) is "FAIL" or "REDACT", Cancellation);
        await author.SendAsync($"REDACT {room} {msgid} :a typo", Cancellation);
        var seen = await op.ExpectAsync(line => line.Contains(" REDACT ", StringComparison.Ordinal), Cancellation);
        var own = await author.ExpectAsync(line => line.Contains(" REDACT ", StringComparison.Ordinal), Cancellation);
        await op.SendAsync($"CHATHISTORY LATEST {room} * 10", Cancellation);
        var start = await op.ExpectAsync(line => line.Contains(" BATCH +", StringComparison.Ordinal), Cancellation);
        var next = await op.ReadLineAsync(Cancellation);
        await author.SendAsync($"REDACT {room} {msgid}", Cancellation);
        var again = await author.ExpectAsync(line => Verb(line) == "FAIL", Cancellation);
        await author.SendAsync($"PRIVMSG {room} :something the operator removes", Cancellation);
        var second = MsgidOf(await author.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal), Cancellation));
        await op.SendAsync($"REDACT {room} {second}", Cancellation);
        var moderated = await author.ExpectAsync(line => line.Contains(" REDACT ", StringComparison.Ordinal), Cancellation);

        Assert.Equal($":chatcloud.local FAIL REDACT REDACT_FORBIDDEN {room} {msgid} :You are not authorised to delete this message", forbidden);
        Assert.EndsWith($" :rdau{suffix}!~rdau{suffix}@user/rdau{suffix} REDACT {room} {msgid} :a typo", seen, StringComparison.Ordinal);
        Assert.EndsWith($" REDACT {room} {msgid} :a typo", own, StringComparison.Ordinal);
        Assert.Equal($":chatcloud.local BATCH -{start.Split(' ')[2][1..]}", next);
        Assert.Equal($":chatcloud.local FAIL REDACT UNKNOWN_MSGID {room} {msgid} :This message does not exist or is too old", again);
        Assert.EndsWith($" :rdop{suffix}!~rdop{suffix}@user/rdop{suffix} REDACT {room} {second}", moderated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_author_of_a_direct_message_redacts_it_for_both_parties_and_nobody_else_can()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        // Each in a room of its own: the conversation is what they share.
        await using var author = await JoinAsync(suite.IrcPort, "dmau" + suffix, "#dma" + suffix);
        await using var reader = await JoinAsync(suite.IrcPort, "dmre" + suffix, "#dmr" + suffix);
        await using var bystander = await JoinAsync(suite.IrcPort, "dmby" + suffix, "#dmb" + suffix);
        await author.SendAsync($"PRIVMSG dmre{suffix} :something private to take back", Cancellation);
        var received = await reader.ExpectAsync(line => line.Contains(" PRIVMSG ", StringComparison.Ordinal), Cancellation);
        var msgid = MsgidOf(received);

        await reader.SendAsync($"REDACT dmau{suffix} {msgid}", Cancellation);
        var forbidden = await reader.ExpectAsync(line => Verb(line) is "FAIL" or "REDACT", Cancellation);
        await bystander.SendAsync($"REDACT dmau{suffix} {msgid}", Cancellation);
        var unknown = await bystander.ExpectAsync(line => Verb(line) is "FAIL" or "REDACT", Cancellation);
        await author.SendAsync($"REDACT dmre{suffix} {msgid} :wrong person", Cancellation);
        var seen = await reader.ExpectAsync(line => line.Contains(" REDACT ", StringComparison.Ordinal), Cancellation);
        var own = await author.ExpectAsync(line => line.Contains(" REDACT ", StringComparison.Ordinal), Cancellation);
        await reader.SendAsync($"CHATHISTORY LATEST dmau{suffix} * 10", Cancellation);
        var start = await reader.ExpectAsync(line => line.Contains(" BATCH +", StringComparison.Ordinal), Cancellation);
        var next = await reader.ReadLineAsync(Cancellation);

        Assert.Equal($":chatcloud.local FAIL REDACT REDACT_FORBIDDEN dmau{suffix} {msgid} :You are not authorised to delete this message", forbidden);
        Assert.Equal($":chatcloud.local FAIL REDACT UNKNOWN_MSGID dmau{suffix} {msgid} :This message does not exist or is too old", unknown);
        Assert.EndsWith($" :dmau{suffix}!~dmau{suffix}@user/dmau{suffix} REDACT dmre{suffix} {msgid} :wrong person", seen, StringComparison.Ordinal);
        Assert.Equal(seen, own);
        Assert.Equal($":chatcloud.local BATCH -{start.Split(' ')[2][1..]}", next);
    }
}
