using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using ChatCloud.Testing;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// A web tab's realtime connection, through the gateway as the browser makes it (WebSockets, bearer
/// token): what the server pushes (<c>message</c>, <c>event</c>, <c>presence</c>, <c>read</c>, <c>resync</c>) is kept in order for the test to expect.
/// </summary>
internal sealed class WebChatClient : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly Channel<(string Method, JsonElement Payload)> _received = Channel.CreateUnbounded<(string, JsonElement)>();
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the server closed the connection (the client never reconnects by itself).</summary>
    public Task<Exception?> Closed => _closed.Task;

    private WebChatClient(int gatewayPort, string accessToken)
    {
        _hub = new HubConnectionBuilder()
            .WithUrl($"http://127.0.0.1:{gatewayPort}/api/messages/realtime", options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                options.SkipNegotiation = true;
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            })
            .Build();
        _hub.Closed += error =>
        {
            _closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        foreach (var method in new[] { "message", "event", "presence", "read", "resync" })
        {
            _hub.On<JsonElement>(method, payload => _received.Writer.TryWrite((method, payload)));
        }
    }

    public static async Task<WebChatClient> ConnectAsync(int gatewayPort, string accessToken, CancellationToken cancellationToken)
    {
        var client = new WebChatClient(gatewayPort, accessToken);
        await client._hub.StartAsync(cancellationToken).WaitAsync(Deadlines.Request, cancellationToken);
        return client;
    }

    public async Task<T> InvokeAsync<T>(string method, object?[] arguments, CancellationToken cancellationToken) =>
        await _hub.InvokeCoreAsync<T>(method, arguments, cancellationToken).WaitAsync(Deadlines.Request, cancellationToken);

    /// <summary>The next pushed item that <paramref name="match"/> accepts, skipping others.</summary>
    public async Task<JsonElement> ExpectAsync(string method, Func<JsonElement, bool> match, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadlines.Request);
        while (true)
        {
            var (received, payload) = await _received.Reader.ReadAsync(deadline.Token);
            if (received == method && match(payload))
            {
                return payload;
            }
        }
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}
