using ChatCloud.Testing;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit;

namespace ChatCloud.AppHost.Tests;

/// <summary>The committed deployment manifest is what the AppHost writes today (regenerate it as the README says).</summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task Committed_manifest_matches_the_AppHost()
    {
        var output = Directory.CreateTempSubdirectory("chatcloud-manifest-");
        try
        {
            var generatedPath = Path.Combine(output.FullName, "aspire-manifest.json");
            await PublishManifestAsync(generatedPath);

            var committed = Normalize(Path.Combine(RepositoryRoot.Path, "aspire-manifest.json"));
            var generated = Normalize(generatedPath);

            Assert.True(JsonNode.DeepEquals(committed, generated),
                "aspire-manifest.json is stale. Regenerate it: dotnet run --project ChatCloud.AppHost -- --publisher manifest --output-path \"$PWD/aspire-manifest.json\"");
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public void Manifest_describes_the_container_mode_with_every_service()
    {
        var resources = Normalize(Path.Combine(RepositoryRoot.Path, "aspire-manifest.json"))["resources"]!.AsObject();

        Assert.Equal("container.v0", (string?)resources[ResourceNames.Postgres]!["type"]);
        Assert.Equal("container.v0", (string?)resources[ResourceNames.Cache]!["type"]);
        Assert.Equal("container.v0", (string?)resources[ResourceNames.Messaging]!["type"]);
        Assert.Equal("container.v0", (string?)resources[ResourceNames.Keycloak]!["type"]);
        foreach (var service in ResourceNames.BackendServices.Append(ResourceNames.Gateway))
        {
            Assert.Equal("project.v0", (string?)resources[service]!["type"]);
        }
    }

    [Fact]
    public void Azure_yaml_points_azd_at_the_AppHost()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "azure.yaml")).Select(l => l.Trim()).ToArray();

        var project = lines.Single(l => l.StartsWith("project:", StringComparison.Ordinal))["project:".Length..].Trim();

        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, project)), $"azure.yaml names {project}, which does not exist.");
        Assert.EndsWith("ChatCloud.AppHost.csproj", project, StringComparison.Ordinal);
        Assert.Contains("host: containerapp", lines);
    }

    private static async Task PublishManifestAsync(string outputPath)
    {
        var appHost = Path.Combine(RepositoryRoot.Path, "artifacts", "bin", "ChatCloud.AppHost", "debug", "ChatCloud.AppHost.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [appHost, "--publisher", "manifest", "--output-path", outputPath])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var log = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"The AppHost failed to publish the manifest:{Environment.NewLine}{await log}{await errors}");
    }

    /// <summary>Project paths and bind-mount sources in a manifest are relative to the file; make them absolute so two locations compare.</summary>
    private static JsonNode Normalize(string manifestPath)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))
            ?? throw new InvalidOperationException($"{manifestPath} is empty.");
        var directory = Path.GetDirectoryName(manifestPath)!;
        foreach (var (_, resource) in manifest["resources"]!.AsObject())
        {
            if (resource?["path"] is JsonValue path)
            {
                resource["path"] = Path.GetFullPath(Path.Combine(directory, (string)path!));
            }
            // Bind mounts (Keycloak's realm import) are relative to the file too.
            foreach (var mount in resource?["bindMounts"]?.AsArray() ?? [])
            {
                mount!["source"] = Path.GetFullPath(Path.Combine(directory, (string)mount["source"]!));
            }
        }
        return manifest;
    }
}
