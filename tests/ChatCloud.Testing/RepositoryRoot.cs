namespace ChatCloud.Testing;

public static class RepositoryRoot
{
    /// <summary>The folder holding ChatCloud.slnx, found upwards from the test binary.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "ChatCloud.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"ChatCloud.slnx not found above {AppContext.BaseDirectory}.");
    }
}
