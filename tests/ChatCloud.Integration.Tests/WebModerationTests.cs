using System.Text.Json;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// Room operators' commands, away and the send rate on the web realtime edge (docs/web-realtime.md):
/// the same authority and numerics as IRC's KICK, INVITE, MODE and AWAY, web and IRC users both ways.
/// </summary>
public sealed class WebModerationTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<WebChatClient> WebAsync(string name) =>
        await WebChatClient.ConnectAsync(suite.GatewayPort, (await (await SignedInUser.CreateAsync(suite, name, "web user password")).SignInAsync()).AccessToken, Cancellation);

    private async Task<IrcTestClient> IrcAsync(string nick, string capabilities = "message-tags")
    {
        var irc = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await irc.SendAsync("CAP LS 302", Cancellation);
        await irc.SendAsync($"CAP REQ :{capabilities}", Cancellation);
        await irc.ExpectAsync(line => line.Contains(" ACK ", StringComparison.Ordinal), Cancellation);
        await irc.RegisterAsync(nick, Cancellation);
        return irc;
    }

    [Fact]
    public async Task A_web_operator_voices_locks_kicks_and_invites_an_irc_user()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (room, webName, ircNick) = ("#wm" + suffix, "wm" + suffix, "im" + suffix);
        await using var web = await WebAsync(webName);
        await using var irc = await IrcAsync(ircNick);
        await web.InvokeAsync<JsonElement>("Join", [room, null], Cancellation); // the first member is its operator
        await irc.SendAsync($"JOIN {room}", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "366", Cancellation);

        var voiced = await web.InvokeAsync<JsonElement>("Mode", [room, "+vz", new[] { ircNick }], Cancellation);
        var ircSeesVoice = await irc.ExpectAsync(line => line.Contains(" MODE ", StringComparison.Ordinal), Cancellation);
        await web.InvokeAsync<JsonElement>("Mode", [room, "+i", Array.Empty<string>()], Cancellation);
        await irc.ExpectAsync(line => line.Contains(" MODE ", StringComparison.Ordinal), Cancellation);
        var kicked = await web.InvokeAsync<JsonElement>("Kick", [room, ircNick, "that was enough"], Cancellation);
        var ircSeesKick = await irc.ExpectAsync(line => line.Contains(" KICK ", StringComparison.Ordinal), Cancellation);
        await irc.SendAsync($"JOIN {room}", Cancellation);
        var locked = await irc.ExpectAsync(line => Verb(line) == "473", Cancellation);
        var invited = await web.InvokeAsync<JsonElement>("Invite", [room, ircNick], Cancellation);
        var ircSeesInvite = await irc.ExpectAsync(line => line.Contains(" INVITE ", StringComparison.Ordinal), Cancellation);
        await irc.SendAsync($"JOIN {room}", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "366", Cancellation);
        var notThere = await web.InvokeAsync<JsonElement>("Kick", [room, "nobody" + suffix, null], Cancellation);
        var inviteNobody = await web.InvokeAsync<JsonElement>("Invite", [room, "nobody" + suffix], Cancellation);

        Assert.True(voiced.GetProperty("ok").GetBoolean());
        Assert.Equal(["+v", ircNick], voiced.GetProperty("applied").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("472", voiced.GetProperty("refused")[0].GetProperty("code").GetString()); // z: unknown mode
        Assert.EndsWith($":{webName}!{webName}@web MODE {room} +v {ircNick}", ircSeesVoice, StringComparison.Ordinal);
        Assert.True(kicked.GetProperty("ok").GetBoolean());
        Assert.EndsWith($":{webName}!{webName}@web KICK {room} {ircNick} :that was enough", ircSeesKick, StringComparison.Ordinal);
        Assert.Contains("Cannot join channel (+i)", locked, StringComparison.Ordinal);
        Assert.True(invited.GetProperty("ok").GetBoolean());
        Assert.EndsWith($":{webName}!{webName}@web INVITE {ircNick} {room}", ircSeesInvite, StringComparison.Ordinal);
        Assert.Equal("441", notThere.GetProperty("code").GetString());
        Assert.Equal("401", inviteNobody.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_irc_operator_invites_a_web_user_who_may_then_join_but_not_moderate()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (room, webName, ircNick) = ("#wi" + suffix, "wi" + suffix, "ii" + suffix);
        await using var web = await WebAsync(webName);
        await using var irc = await IrcAsync(ircNick);
        await irc.SendAsync($"JOIN {room}", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "366", Cancellation);
        await irc.SendAsync($"MODE {room} +i", Cancellation);
        await irc.ExpectAsync(line => line.Contains(" MODE ", StringComparison.Ordinal), Cancellation);

        var refused = await web.InvokeAsync<JsonElement>("Join", [room, null], Cancellation);
        await irc.SendAsync($"INVITE {webName} {room}", Cancellation);
        var invitation = await web.ExpectAsync("event", e => e.GetProperty("kind").GetString() == "INVITE", Cancellation);
        var joined = await web.InvokeAsync<JsonElement>("Join", [room, null], Cancellation);
        var kick = await web.InvokeAsync<JsonElement>("Kick", [room, ircNick, null], Cancellation);
        var mode = await web.InvokeAsync<JsonElement>("Mode", [room, "+m", Array.Empty<string>()], Cancellation);

        Assert.Equal(("473", "Cannot join channel (+i)"), (refused.GetProperty("code").GetString(), refused.GetProperty("error").GetString()));
        Assert.Equal((room, ircNick, webName),
            (invitation.GetProperty("room").GetString(), invitation.GetProperty("nick").GetString(), invitation.GetProperty("arguments")[0].GetString()));
        Assert.True(joined.GetProperty("ok").GetBoolean());
        Assert.Equal(("482", false), (kick.GetProperty("code").GetString(), kick.GetProperty("ok").GetBoolean()));
        Assert.Equal("482", mode.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_moderated_room_silences_the_web_user_until_voiced_and_the_send_checks_follow_the_stream()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (room, webName, ircNick) = ("#wq" + suffix, "wq" + suffix, "iq" + suffix);
        await using var web = await WebAsync(webName);
        await using var irc = await IrcAsync(ircNick);
        await irc.SendAsync($"JOIN {room}", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "366", Cancellation);
        await web.InvokeAsync<JsonElement>("Join", [room, null], Cancellation);

        var before = await web.InvokeAsync<JsonElement>("Send", [room, "before", "q-1"], Cancellation);
        await irc.SendAsync($"MODE {room} +m", Cancellation);
        await web.ExpectAsync("event", e => e.GetProperty("kind").GetString() == "MODE", Cancellation);
        var silenced = await web.InvokeAsync<JsonElement>("Send", [room, "silenced", "q-2"], Cancellation);
        await irc.SendAsync($"MODE {room} +v {webName}", Cancellation);
        await web.ExpectAsync("event", e => e.GetProperty("kind").GetString() == "MODE", Cancellation);
        var voiced = await web.InvokeAsync<JsonElement>("Send", [room, "now voiced", "q-3"], Cancellation);
        var ircSees = await irc.ExpectAsync(line => line.EndsWith(" :now voiced", StringComparison.Ordinal), Cancellation);

        Assert.True(before.GetProperty("ok").GetBoolean());
        Assert.Equal("404", silenced.GetProperty("code").GetString());
        Assert.True(voiced.GetProperty("ok").GetBoolean());
        Assert.Contains($"PRIVMSG {room} :now voiced", ircSees, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Away_and_back_reach_irc_room_mates_with_away_notify_and_web_room_mates_as_presence()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (room, webName, ircNick) = ("#wa" + suffix, "wa" + suffix, "ia" + suffix);
        await using var web = await WebAsync(webName);
        await using var irc = await IrcAsync(ircNick, "away-notify");
        await irc.SendAsync($"JOIN {room}", Cancellation);
        await irc.ExpectAsync(line => Verb(line) == "366", Cancellation);
        await web.InvokeAsync<JsonElement>("Join", [room, null], Cancellation);
        await irc.ExpectAsync(line => line.Contains(" JOIN ", StringComparison.Ordinal), Cancellation);

        await web.InvokeAsync<JsonElement>("Away", ["at lunch"], Cancellation);
        var ircSeesAway = await irc.ExpectAsync(line => line.Contains(" AWAY", StringComparison.Ordinal), Cancellation);
        await web.InvokeAsync<JsonElement>("Away", [null], Cancellation);
        var ircSeesBack = await irc.ExpectAsync(line => line.Contains(" AWAY", StringComparison.Ordinal), Cancellation);
        await irc.SendAsync("AWAY :in a meeting", Cancellation);
        var webSeesAway = await web.ExpectAsync("presence", p => p.GetProperty("nick").GetString() == ircNick, Cancellation);

        Assert.Equal($":{webName}!{webName}@web AWAY :at lunch", ircSeesAway);
        Assert.Equal($":{webName}!{webName}@web AWAY", ircSeesBack);
        Assert.Equal(("away", "in a meeting"), (webSeesAway.GetProperty("kind").GetString(), webSeesAway.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Sending_faster_than_the_flood_limit_is_refused_with_when_to_retry()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var room = "#wf" + suffix;
        await using var web = await WebAsync("wf" + suffix);
        await web.InvokeAsync<JsonElement>("Join", [room, null], Cancellation);

        // Sent without waiting for each answer, as a script would; the hub takes one tab's calls in order.
        var answers = await Task.WhenAll(Enumerable.Range(0, 60)
            .Select(i => web.InvokeAsync<JsonElement>("Send", [room, $"line {i}", $"f-{i}"], Cancellation)));

        // Burst 20, then 4 a second, as the TCP edge's flood control.
        var limited = answers.Where(a => a.GetProperty("code").GetString() == "RATE_LIMITED").ToList();
        Assert.True(answers.Take(20).All(a => a.GetProperty("ok").GetBoolean()));
        Assert.NotEmpty(limited);
        Assert.All(limited, a => Assert.InRange(a.GetProperty("retryAfterMs").GetInt64(), 1, 1_000));
    }
}
