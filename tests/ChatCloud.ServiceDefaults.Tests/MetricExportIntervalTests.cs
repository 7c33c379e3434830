using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Xunit;

namespace ChatCloud.ServiceDefaults.Tests;

/// <summary>Metrics go to the dashboard every 5 s, not every second as the AppHost asks, unless configured.</summary>
public sealed class MetricExportIntervalTests
{
    private static int? ExportIntervalOf(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([
            new("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317"),
            new("OTEL_METRIC_EXPORT_INTERVAL", "1000"), // what the AppHost passes every service
            .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)),
        ]);
        builder.ConfigureOpenTelemetry();
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptionsMonitor<MetricReaderOptions>>().Get(Options.DefaultName)
            .PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds;
    }

    [Fact]
    public void The_interval_is_five_seconds_whatever_the_apphost_passes_and_configurable()
    {
        Assert.Equal(5000, ExportIntervalOf());
        Assert.Equal(2000, ExportIntervalOf(("Telemetry:MetricExportInterval", "00:00:02")));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("01:00:00")]
    public void An_interval_out_of_range_stops_the_start_with_its_name(string interval)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ExportIntervalOf(("Telemetry:MetricExportInterval", interval)));

        Assert.Contains("Telemetry:MetricExportInterval", error.Message, StringComparison.Ordinal);
    }
}
