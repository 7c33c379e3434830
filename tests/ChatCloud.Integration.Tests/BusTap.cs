using System.Text.Json;
using RabbitMQ.Client;

namespace ChatCloud.Integration.Tests;

/// <summary>Reading what a test's own queue on the bus received.</summary>
internal static class BusTap
{
    /// <summary>The wire format of a bundle (several events in one message, docs/architecture.md), held here as the contract it is.</summary>
    public const string BundleContentType = "application/vnd.chatcloud.events+json";

    /// <summary>The events one message carries: the elements of a bundle, or the one event.</summary>
    public static IEnumerable<JsonElement> EventsOf(BasicGetResult message)
    {
        var root = JsonDocument.Parse(message.Body).RootElement.Clone();
        return message.BasicProperties.ContentType == BundleContentType ? root.EnumerateArray().ToList() : [root];
    }
}
