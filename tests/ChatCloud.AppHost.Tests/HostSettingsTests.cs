using Microsoft.Extensions.Configuration;
using Xunit;

namespace ChatCloud.AppHost.Tests;

public sealed class HostSettingsTests
{
    [Fact]
    public void Defaults_are_the_documented_ports_and_automatic_mode()
    {
        var settings = ChatCloudHostSettings.From(new ConfigurationBuilder().Build());

        Assert.Equal(InfrastructureMode.Auto, settings.Infrastructure);
        Assert.Equal(8080, settings.Ports.Gateway);
        Assert.Equal(6667, settings.Ports.Irc);
        Assert.Equal(6697, settings.Ports.IrcTls);
        Assert.DoesNotContain(5432, new[] { settings.Ports.Postgres, settings.Ports.Redis, settings.Ports.RabbitMq });
    }

    [Fact]
    public void Configuration_forces_a_mode_and_moves_ports_and_state()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ChatCloud:Infrastructure"] = "Local",
            ["ChatCloud:StateDirectory"] = "/srv/chatcloud",
            ["ChatCloud:Ports:Gateway"] = "9090",
        }).Build();

        var settings = ChatCloudHostSettings.From(configuration);

        Assert.Equal(InfrastructureMode.Local, settings.Infrastructure);
        Assert.Equal(9090, settings.Ports.Gateway);
        Assert.Equal("/srv/chatcloud", settings.ResolveStateDirectory());
    }

    [Fact]
    public void Root_keeps_state_where_the_postgres_user_can_reach_it()
    {
        var settings = new ChatCloudHostSettings();

        var directory = settings.ResolveStateDirectory();

        if (Environment.UserName == "root")
        {
            Assert.Equal("/var/lib/chatcloud", directory);
        }
        else
        {
            Assert.EndsWith($"{Path.DirectorySeparatorChar}chatcloud", directory, StringComparison.Ordinal);
            Assert.DoesNotContain("/var/lib", directory, StringComparison.Ordinal);
        }
    }
}
