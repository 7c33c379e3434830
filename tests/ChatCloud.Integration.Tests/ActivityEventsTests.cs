using System.Globalization;
using Aspire.Hosting.Testing;
using System.Text;
using System.Text.Json;
using ChatCloud.Testing;
using RabbitMQ.Client;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// What people do becomes user-activity events on the bus (issue 7, "Events"): a web tab's sign-in,
/// search, join, read, part and sign-out, a terminal connection's sign-in and sign-out, each with the
/// account and never any text; the room authority tells joins and parts once for both edges.
/// </summary>
public sealed class ActivityEventsTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static readonly string[] Watched =
        ["auth.signed-in.v1", "auth.signed-out.v1", "activity.room-joined.v1", "activity.room-left.v1", "activity.room-read.v1", "activity.searched.v1"];

    [Fact]
    public async Task A_web_tab_and_a_terminal_connection_report_what_their_account_does()
    {
        var factory = new ConnectionFactory { Uri = new Uri((await suite.App.GetConnectionStringAsync(ResourceNames.Messaging, Cancellation))!) };
        await using var bus = await factory.CreateConnectionAsync(Cancellation).WaitAsync(Deadlines.Request, Cancellation);
        await using var channel = await bus.CreateChannelAsync(cancellationToken: Cancellation);
        var queue = (await channel.QueueDeclareAsync(exclusive: true, cancellationToken: Cancellation)).QueueName;
        foreach (var name in Watched)
        {
            await channel.QueueBindAsync(queue, "chatcloud.events", name, cancellationToken: Cancellation);
        }
        var user = await SignedInUser.CreateAsync(suite, "acty-web", "acty web password");
        var access = (await user.SignInAsync()).AccessToken;
        var account = SubjectOf(access);
        const string room = "#Acty-Room";

        await using (var tab = await WebChatClient.ConnectAsync(suite.GatewayPort, access, Cancellation))
        {
            await tab.InvokeAsync<JsonElement>("List", ["acty", 10], Cancellation);
            await tab.InvokeAsync<JsonElement>("Join", [room, null], Cancellation);
            await tab.InvokeAsync<JsonElement>("MarkRead", [room, DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)], Cancellation);
            await tab.InvokeAsync<JsonElement>("Part", [room, "bye"], Cancellation);
        }
        var irc = await user.IrcAsync("acty-tcp");
        await irc.SendAsync("QUIT :done", Cancellation);
        await SignedInUser.ExpectClosedAsync(irc);
        await irc.DisposeAsync();

        var seen = await ReceiveAsync(channel, queue, account, expected: 8);
        static bool IsTcp((string Name, JsonElement Body) e) => e.Body.TryGetProperty("via", out var via) && via.GetString() == "tcp";
        var web = seen.Where(e => !IsTcp(e)).ToList();
        var tcp = seen.Where(IsTcp).ToList();

        // One publisher per service, one pump: the web tab's events arrive in the order they happened.
        Assert.Equal(["auth.signed-in.v1", "activity.searched.v1", "activity.room-joined.v1", "activity.room-read.v1", "activity.room-left.v1", "auth.signed-out.v1"],
            web.Select(e => e.Name));
        Assert.Equal("web", web[0].Body.GetProperty("via").GetString());
        Assert.Equal(web[0].Body.GetProperty("connection").GetString(), web[^1].Body.GetProperty("connection").GetString());
        Assert.Equal(["auth.signed-in.v1", "auth.signed-out.v1"], tcp.Select(e => e.Name));
        Assert.Equal(tcp[0].Body.GetProperty("connection").GetString(), tcp[1].Body.GetProperty("connection").GetString());
        Assert.NotEqual(web[0].Body.GetProperty("connection").GetString(), tcp[0].Body.GetProperty("connection").GetString());
        Assert.All(seen.Where(e => e.Name.StartsWith("activity.room", StringComparison.Ordinal)), e =>
            Assert.Equal("#acty-room", e.Body.TryGetProperty("room", out var r) ? r.GetString() : e.Body.GetProperty("target").GetString()));
        var search = seen.Single(e => e.Name == "activity.searched.v1").Body;
        Assert.Equal(4, search.GetProperty("queryLength").GetInt32());
        Assert.False(search.TryGetProperty("query", out _));
        Assert.Equal("part", seen.Single(e => e.Name == "activity.room-left.v1").Body.GetProperty("how").GetString());
    }

    private static Guid SubjectOf(string accessToken)
    {
        var payload = accessToken.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        using var claims = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        return Guid.Parse(claims.RootElement.GetProperty("sub").GetString()!);
    }

    /// <summary>The account's events, in the order the bus delivered them, until <paramref name="expected"/> arrived or the deadline passed.</summary>
    private static async Task<List<(string Name, JsonElement Body)>> ReceiveAsync(IChannel channel, string queue, Guid account, int expected)
    {
        var received = new List<(string, JsonElement)>();
        var deadline = DateTime.UtcNow + Deadlines.Request;
        while (received.Count < expected && DateTime.UtcNow < deadline)
        {
            var message = await channel.BasicGetAsync(queue, autoAck: true, Cancellation);
            if (message is null)
            {
                await Task.Delay(50, Cancellation);
                continue;
            }
            received.AddRange(BusTap.EventsOf(message).Where(body => body.GetProperty("accountId").GetGuid() == account).Select(body => (message.RoutingKey, body)));
        }
        return received;
    }
}
