using ChatCloud.Testing;
using System.Xml.Linq;
using Xunit;

namespace ChatCloud.AppHost.Tests;

/// <summary>
/// Dependencies point one way (docs/architecture.md): a service references ServiceDefaults and the
/// libraries under services/Libraries, never another service; Contracts references nothing.
/// </summary>
public sealed class DependencyDirectionTests
{
    public static TheoryData<string> ServiceProjects => new(Projects("services").Where(p => !IsLibrary(p)));

    public static TheoryData<string> LibraryProjects => new(Projects("services").Where(IsLibrary));

    [Theory]
    [MemberData(nameof(ServiceProjects))]
    public void A_service_references_no_other_service(string project)
    {
        var references = ProjectReferences(project);

        Assert.All(references, reference => Assert.True(
            IsLibrary(reference) || reference.EndsWith("ChatCloud.ServiceDefaults.csproj", StringComparison.Ordinal),
            $"{Relative(project)} references {Relative(reference)}: services talk over the bus or HTTP, not through each other's code."));
    }

    [Theory]
    [MemberData(nameof(LibraryProjects))]
    public void A_library_references_only_libraries(string project)
    {
        var references = ProjectReferences(project);

        Assert.All(references, reference => Assert.True(IsLibrary(reference), $"{Relative(project)} references {Relative(reference)}."));
        if (project.EndsWith("ChatCloud.Contracts.csproj", StringComparison.Ordinal))
        {
            Assert.Empty(references);
        }
    }

    private static IEnumerable<string> Projects(string folder) =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, folder), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static bool IsLibrary(string project) =>
        project.Contains($"{Path.DirectorySeparatorChar}Libraries{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static string[] ProjectReferences(string project) =>
        XDocument.Load(project).Descendants("ProjectReference")
            .Select(reference => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!,
                reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar))))
            .ToArray();

    private static string Relative(string path) => Path.GetRelativePath(RepositoryRoot.Path, path);
}
