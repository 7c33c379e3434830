using System.Text;
using System.Text.Json;
using ChatCloud.Contracts;
using ChatCloud.Contracts.Auth;
using ChatCloud.Contracts.Messages;
using Xunit;

namespace ChatCloud.Messaging.Tests;

/// <summary>The event catalogue's names and JSON, without a broker.</summary>
public sealed class EventWireFormatTests
{
    public static TheoryData<Type, string> Catalogue => new()
    {
        { typeof(AccountCreated), "auth.account-created.v1" },
        { typeof(SignedIn), "auth.signed-in.v1" },
        { typeof(MessageStored), "messages.message-stored.v1" },
        { typeof(TagsSent), "messages.tags-sent.v1" },
        { typeof(ReadMarkerSet), "messages.read-marker-set.v1" },
    };

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void Every_event_has_its_versioned_wire_name(Type eventType, string name) =>
        Assert.Equal(name, EventNames.Of(eventType));

    [Fact]
    public void An_event_without_a_name_is_refused_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EventNames.Of<Unnamed>());
        Assert.Contains("[EventName(", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_that_is_not_a_versioned_routing_key_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EventNames.Of<BadlyNamed>());
        Assert.Contains("Messages.#", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_round_trip_through_the_wire_format()
    {
        var stored = new MessageStored("msgid-1", Guid.NewGuid(), "#chat", null, "ada", "~ada", "127.0.0.1", "PRIVMSG", "hello", ClientTags: null, DateTimeOffset.UnixEpoch, 42);
        var created = new AccountCreated(Guid.NewGuid(), "ada", ["user"]);

        var storedBack = EventJson.Deserialize<MessageStored>(EventJson.Serialize(stored));
        var createdBack = EventJson.Deserialize<AccountCreated>(EventJson.Serialize(created));

        Assert.Equal(stored, storedBack);
        Assert.Equal((created.Id, created.OccurredAt, created.AccountId, created.AccountName), (createdBack.Id, createdBack.OccurredAt, createdBack.AccountId, createdBack.AccountName));
        Assert.Equal(created.Roles, createdBack.Roles);
    }

    [Fact]
    public void The_wire_format_is_camel_case_json()
    {
        var json = Encoding.UTF8.GetString(EventJson.Serialize(new SignedIn(Guid.Empty, "tcp")));

        Assert.StartsWith("{\"accountId\":", json, StringComparison.Ordinal);
        Assert.Contains("\"via\":\"tcp\"", json, StringComparison.Ordinal);
        Assert.Contains("\"occurredAt\":", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"accountId":"00000000-0000-0000-0000-000000000001","via":"web"}""")]
    [InlineData("""{"id":"0198a3c4-0000-7000-8000-000000000000","occurredAt":"2025-01-01T00:00:00Z","accountId":"00000000-0000-0000-0000-000000000001"}""")]
    [InlineData("""{"id":"0198a3c4-0000-7000-8000-000000000000","occurredAt":"2025-01-01T00:00:00Z","accountId":"00000000-0000-0000-0000-000000000001","via":null}""")]
    [InlineData("null")]
    public void An_incomplete_event_does_not_deserialise(string json) =>
        Assert.ThrowsAny<JsonException>(() => EventJson.Deserialize<SignedIn>(Encoding.UTF8.GetBytes(json)));

    private sealed record Unnamed : IntegrationEvent;

    [EventName("Messages.#")]
    private sealed record BadlyNamed : IntegrationEvent;
}
