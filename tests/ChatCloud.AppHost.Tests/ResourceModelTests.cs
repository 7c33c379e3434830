using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Xunit;

namespace ChatCloud.AppHost.Tests;

/// <summary>
/// Two modes, one model: containers and local Debian servers expose the same resource names and
/// connection strings, and every service references the same things in both. Only the model is built;
/// nothing starts, so this runs without Docker.
/// </summary>
public sealed class ResourceModelTests
{
    private static readonly string[] Infrastructure = [ResourceNames.Database, ResourceNames.Cache, ResourceNames.Messaging];

    [Theory]
    [InlineData("Containers")]
    [InlineData("Local")]
    public async Task Infrastructure_resources_have_connection_strings_under_the_shared_names(string mode)
    {
        var resources = await BuildModelAsync(mode);

        foreach (var name in Infrastructure)
        {
            Assert.IsAssignableFrom<IResourceWithConnectionString>(resources.Single(r => r.Name == name));
        }
    }

    [Fact]
    public async Task Every_service_references_the_same_resources_in_both_modes()
    {
        var containers = References(await BuildModelAsync("Containers"));
        var local = References(await BuildModelAsync("Local"));

        Assert.Equal(containers, local);
        Assert.Equal(["cache", "chatdb", "messaging"], containers[ResourceNames.Auth]);
        Assert.Equal(["cache", "messaging"], containers[ResourceNames.TcpEdge]);
    }

    [Fact]
    public async Task Local_mode_runs_the_Debian_binaries_and_no_containers()
    {
        var resources = await BuildModelAsync("Local");

        Assert.DoesNotContain(resources, r => r is ContainerResource);
        var commands = resources.OfType<ExecutableResource>().Select(r => r.Command).ToArray();
        Assert.Contains(commands, c => c is "setpriv" || c.EndsWith("/bin/postgres", StringComparison.Ordinal));
        Assert.Contains("/usr/bin/redis-server", commands);
        Assert.Contains("/usr/lib/rabbitmq/bin/rabbitmq-server", commands);
        Assert.Contains("/usr/bin/epmd", commands);
    }

    private static SortedDictionary<string, string[]> References(IEnumerable<IResource> resources) =>
        new(resources.OfType<ProjectResource>()
            .ToDictionary(
                project => project.Name,
                project => project.Annotations.OfType<ResourceRelationshipAnnotation>()
                    .Where(a => a.Type == "Reference" && a.Resource is IResourceWithConnectionString)
                    .Select(a => a.Resource.Name)
                    .Order(StringComparer.Ordinal)
                    .ToArray()));

    private static async Task<IReadOnlyList<IResource>> BuildModelAsync(string mode)
    {
        var state = Directory.CreateTempSubdirectory("chatcloud-model-");
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChatCloud_AppHost>(
                [$"--ChatCloud:Infrastructure={mode}", $"--ChatCloud:StateDirectory={state.FullName}"],
                TestContext.Current.CancellationToken);
            await using var app = await builder.BuildAsync(TestContext.Current.CancellationToken);
            return builder.Resources.ToArray();
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }
}
