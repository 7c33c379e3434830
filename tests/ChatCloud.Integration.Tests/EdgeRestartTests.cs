using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using ChatCloud.Testing;
using Xunit;
using static ChatCloud.Testing.IrcTestClient;

namespace ChatCloud.Integration.Tests;

/// <summary>
/// Stopping the edge (SIGTERM from the orchestrator) tells connected clients it is restarting
/// before their connections close, and the restarted edge takes the same nick again.
/// </summary>
public sealed class EdgeRestartTests(ChatCloudSuite suite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_restarting_edge_says_so_to_its_clients_and_comes_back()
    {
        var client = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        string error;
        try
        {
            await client.RegisterAsync("restarter", Cancellation);

            var stopping = suite.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.TcpEdge, KnownResourceCommands.StopCommand, Cancellation);
            error = await client.ExpectAsync(line => Verb(line) == "ERROR", Cancellation);
            await stopping.WaitAsync(Deadlines.Stop, Cancellation);
        }
        finally
        {
            await client.DisposeAsync();
            await suite.App.ResourceCommands.ExecuteCommandAsync(ResourceNames.TcpEdge, KnownResourceCommands.StartCommand, Cancellation)
                .WaitAsync(Deadlines.Boot, Cancellation);
            await suite.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.TcpEdge, Cancellation).WaitAsync(Deadlines.Boot, Cancellation);
        }
        await using var again = await ConnectAsync(suite.IrcPort, cancellationToken: Cancellation);
        await again.RegisterAsync("restarter", Cancellation);

        Assert.Contains("(Server restarting)", error, StringComparison.Ordinal);
    }
}
