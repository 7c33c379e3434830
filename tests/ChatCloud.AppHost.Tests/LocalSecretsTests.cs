using ChatCloud.AppHost.Infrastructure;
using Xunit;

namespace ChatCloud.AppHost.Tests;

public sealed class LocalSecretsTests : IDisposable
{
    private readonly DirectoryInfo _state = Directory.CreateTempSubdirectory("chatcloud-secrets-");

    [Fact]
    public void A_secret_is_generated_once_and_read_back_by_the_next_run()
    {
        var first = LocalSecrets.Open(_state.FullName).GetOrCreate("postgres-password");
        var second = LocalSecrets.Open(_state.FullName).GetOrCreate("postgres-password");

        Assert.Equal(first, second);
        Assert.Equal(32, first.Length);
        Assert.Matches("^[A-Za-z0-9]+$", first);
    }

    [Fact]
    public void Different_names_get_different_secrets()
    {
        var secrets = LocalSecrets.Open(_state.FullName);

        Assert.NotEqual(secrets.GetOrCreate("a"), secrets.GetOrCreate("b"));
    }

    [Fact]
    public void The_secrets_file_is_readable_by_its_owner_only()
    {
        LocalSecrets.Open(_state.FullName).GetOrCreate("redis-password");

        var mode = File.GetUnixFileMode(Path.Combine(_state.FullName, "secrets.json"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    public void Dispose() => _state.Delete(recursive: true);
}
