using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ChatCloud.Testing;

/// <summary>
/// The whole ChatCloud suite booted from the real AppHost on the real servers (local Debian processes),
/// on free ports and in its own state folder, so it runs beside a developer's ./run.sh.
/// </summary>
public class ChatCloudSuite : IAsyncLifetime
{
    private DistributedApplication? _app;

    public ChatCloudSuite() : this(Directory.CreateTempSubdirectory("chatcloud-test-").FullName, ownsStateDirectory: true)
    {
    }

    /// <summary>A suite on a state folder the caller keeps, e.g. to boot twice on the same data.</summary>
    public static ChatCloudSuite OnStateDirectory(string stateDirectory) => new(stateDirectory, ownsStateDirectory: false);

    private ChatCloudSuite(string stateDirectory, bool ownsStateDirectory)
    {
        StateDirectory = stateDirectory;
        OwnsStateDirectory = ownsStateDirectory;
        var ports = FreePorts.Take(8);
        GatewayPort = ports[0];
        IrcPort = ports[1];
        IrcTlsPort = ports[2];
        PostgresPort = ports[3];
        RedisPort = ports[4];
        RabbitMqPort = ports[5];
        RabbitMqDistributionPort = ports[6];
        EpmdPort = ports[7];
    }

    public string StateDirectory { get; }
    private bool OwnsStateDirectory { get; }
    public int GatewayPort { get; }
    public int IrcPort { get; }
    public int IrcTlsPort { get; }
    public int PostgresPort { get; }
    public int RedisPort { get; }
    public int RabbitMqPort { get; }
    public int RabbitMqDistributionPort { get; }
    public int EpmdPort { get; }

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The suite has not started.");

    public Uri GatewayAddress => new($"http://127.0.0.1:{GatewayPort}/");

    /// <summary>SHA-256 fingerprint of the self-signed IRC certificate the edge created in the state folder.</summary>
    public string IrcCertificateHash
    {
        get
        {
            using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                Path.Combine(StateDirectory, "tls", "irc.pfx"), password: null);
            return certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        }
    }

    public async ValueTask InitializeAsync() => await StartAsync();

    /// <summary>Boots the AppHost and waits until every resource reports healthy.</summary>
    public async Task StartAsync()
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The suite is already running.");
        }
        _app = await BootAsync();
    }

    /// <summary>Stops every process of the suite; the state folder stays.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await StopAsync(_app);
            _app = null;
        }
    }

    private async Task<DistributedApplication> BootAsync()
    {
        using var deadline = new CancellationTokenSource(Deadlines.Boot);
        string[] args =
        [
            "--ChatCloud:Infrastructure=Local",
            $"--ChatCloud:StateDirectory={StateDirectory}",
            .. Port("Gateway", GatewayPort), .. Port("Irc", IrcPort), .. Port("IrcTls", IrcTlsPort),
            .. Port("Postgres", PostgresPort), .. Port("Redis", RedisPort), .. Port("RabbitMq", RabbitMqPort),
            .. Port("RabbitMqDistribution", RabbitMqDistributionPort), .. Port("Epmd", EpmdPort),
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChatCloud_AppHost>(args, deadline.Token);
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Error));
        var app = await builder.BuildAsync(deadline.Token);
        try
        {
            await app.StartAsync(deadline.Token);
            await Task.WhenAll(VisibleResources(app)
                .Select(resource => app.ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, deadline.Token)));
            return app;
        }
        catch (OperationCanceledException exception) when (deadline.IsCancellationRequested)
        {
            var states = DescribeResources(app);
            await app.DisposeAsync();
            throw new TimeoutException($"The suite was not healthy within {Deadlines.Boot}:{Environment.NewLine}{states}", exception);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (OwnsStateDirectory)
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        GC.SuppressFinalize(this);
    }

    private static async Task StopAsync(DistributedApplication app)
    {
        using var deadline = new CancellationTokenSource(Deadlines.Stop);
        await app.StopAsync(deadline.Token);
        await app.DisposeAsync();
    }

    /// <summary>Each resource's state and health, to say which one held the boot up.</summary>
    private static string DescribeResources(DistributedApplication app)
    {
        return string.Join(Environment.NewLine, VisibleResources(app)
            .Select(resource => app.ResourceNotifications.TryGetCurrentState(resource.Name, out var current)
                ? $"  {resource.Name}: {current.Snapshot.State?.Text ?? "?"}, health {current.Snapshot.HealthStatus?.ToString() ?? "unknown"}, exit {current.Snapshot.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-"}"
                : $"  {resource.Name}: no state"));
    }

    /// <summary>Resources that start by themselves: not parameters, not helpers started on demand (a project's rebuilder).</summary>
    private static IEnumerable<IResource> VisibleResources(DistributedApplication app) =>
        app.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Where(resource => resource is not ParameterResource)
            .Where(resource => !resource.Annotations.Any(a => a is ExplicitStartupAnnotation or HiddenAnnotation));

    private static string[] Port(string name, int port) => [$"--ChatCloud:Ports:{name}={port.ToString(CultureInfo.InvariantCulture)}"];
}
