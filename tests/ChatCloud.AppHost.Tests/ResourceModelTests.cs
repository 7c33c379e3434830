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

    [Theory]
    [InlineData("Containers", "Builtin")]
    [InlineData("Local", "Builtin")]
    [InlineData("Containers", "Keycloak")]
    public async Task Every_backend_service_trusts_the_one_configured_issuer(string mode, string provider)
    {
        var resources = await BuildModelAsync(mode, $"--ChatCloud:IdentityProvider={provider}");

        foreach (var name in ResourceNames.BackendServices)
        {
            var environment = await EnvironmentOfAsync(resources.Single(r => r.Name == name));
            Assert.Equal(provider, environment["Identity__Provider"]);
            Assert.Equal("chatcloud", environment["Identity__Audience"]);
            var authority = environment["Identity__Authority"];
            if (provider == "Keycloak")
            {
                Assert.EndsWith("/realms/chatcloud", authority, StringComparison.Ordinal);
            }
            else
            {
                // Metadata from auth inside; tokens name the gateway's public address.
                Assert.Equal("{auth.bindings.http.url}", authority);
                Assert.Equal("{gateway.bindings.http.url}", environment["Identity__PublicIssuer"]);
            }
        }
        // The edge is the one caller of other services: its secret is the one auth registers.
        var edge = await EnvironmentOfAsync(resources.Single(r => r.Name == ResourceNames.TcpEdge));
        var auth = await EnvironmentOfAsync(resources.Single(r => r.Name == ResourceNames.Auth));
        Assert.Equal("tcpedge", edge["Identity__ClientId"]);
        Assert.Equal(auth["Auth__ServiceClients__tcpedge"], edge["Identity__ClientSecret"]);
        Assert.True(edge["Identity__ClientSecret"].Length >= 24);
        Assert.Equal("{gateway.bindings.http.url}", auth["Auth__Oidc__Issuer"]);
    }

    [Fact]
    public async Task Keycloak_imports_the_realm_from_the_repository()
    {
        var keycloak = (ContainerResource)(await BuildModelAsync("Containers")).Single(r => r.Name == ResourceNames.Keycloak);

        var mount = keycloak.Annotations.OfType<ContainerMountAnnotation>().Single(m => m.Target == "/opt/keycloak/data/import");
        Assert.True(File.Exists(Path.Combine(mount.Source!, "chatcloud-realm.json")));
        var args = new List<object>();
        foreach (var callback in keycloak.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(new CommandLineArgsCallbackContext(args, keycloak, TestContext.Current.CancellationToken));
        }
        Assert.Contains("--import-realm", args);
    }

    [Fact]
    public async Task Keycloak_without_containers_fails_at_start_with_a_reason() =>
        Assert.Contains("Keycloak", (await Assert.ThrowsAnyAsync<Exception>(() => BuildModelAsync("Local", "--ChatCloud:IdentityProvider=Keycloak"))).ToString(),
            StringComparison.Ordinal);

    private static async Task<Dictionary<string, string>> EnvironmentOfAsync(IResource resource)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var context = new EnvironmentCallbackContext(
            new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), resource, values, TestContext.Current.CancellationToken);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            // Secrets by value (they must match); addresses as the manifest writes them (nothing is allocated here).
            resolved[key] = value switch
            {
                string text => text,
                ParameterResource parameter => await parameter.GetValueAsync(TestContext.Current.CancellationToken) ?? "",
                IManifestExpressionProvider expression => expression.ValueExpression,
                _ => value.ToString() ?? "",
            };
        }
        return resolved;
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

    private static async Task<IReadOnlyList<IResource>> BuildModelAsync(string mode, params string[] extra)
    {
        var state = Directory.CreateTempSubdirectory("chatcloud-model-");
        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChatCloud_AppHost>(
                [$"--ChatCloud:Infrastructure={mode}", $"--ChatCloud:StateDirectory={state.FullName}", .. extra],
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
