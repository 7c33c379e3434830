using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every ChatCloud service shares: OpenTelemetry, health endpoints, service discovery and
/// resilient HttpClients. Each service calls <see cref="AddServiceDefaults{TBuilder}"/> first.
/// </summary>
public static class ServiceDefaultsRegistration
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";
    private const string LiveTag = "live";

    /// <summary>Meter and activity source names of ChatCloud's own instrumentation.</summary>
    public const string TelemetryPrefix = "ChatCloud.";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryPrefix + "*"))
            .WithTracing(tracing => tracing
                // Every chat message makes spans in the edge, the bus, the messages service and the
                // database, so a busy room would trace thousands of spans a second: at most
                // Telemetry:MaxTracesPerSecond traces a second are kept, whole (the decision follows
                // the root), and all of them while it is quiet (RateLimitedSampler). Set in code, it
                // overrides the OTEL_TRACES_SAMPLER=always_on the AppHost passes (checked: 89 of 1,000
                // root spans recorded with a ratio of 0.1 and that variable set).
                .SetSampler(new ParentBasedSampler(new ChatCloud.RateLimitedSampler(
                    TraceSampleRatio(builder.Configuration), MaxTracesPerSecond(builder.Configuration), TimeProvider.System)))
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TelemetryPrefix + "*")
                // Health probes arrive every few seconds; tracing them buries the real requests.
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                    && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation());

        // The AppHost sets OTEL_EXPORTER_OTLP_ENDPOINT to the dashboard; without it, nothing is exported.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        // After the exporter's own configuration, so it wins over the OTEL_METRIC_EXPORT_INTERVAL=1000 the AppHost passes.
        var exportInterval = MetricExportInterval(builder.Configuration);
        builder.Services.PostConfigureAll<MetricReaderOptions>(reader =>
            reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)exportInterval.TotalMilliseconds);
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// <c>/health</c> is readiness: every registered check, including the ones the Aspire client
    /// integrations add for PostgreSQL, Redis and RabbitMQ. <c>/alive</c> is liveness: the process answers.
    /// Both answer only a status word, so mapping them outside development leaks nothing.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Anonymous even where every other endpoint needs a token: orchestrators probe without one.
        app.MapHealthChecks(HealthEndpointPath).AllowAnonymous();
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// <c>Telemetry:MaxTracesPerSecond</c>, the most traces a service starts keeping in a second: 2
    /// unless configured. Measured at 800 chat messages a second (docs/benchmarks.md): with 20, the
    /// dashboard spent 3.3 CPU seconds ingesting what 8 seconds of load traced, more than any service;
    /// with 5, 1.4; with next to none, 0.6. Two a second per service still shows every kind of request.
    /// </summary>
    private static double MaxTracesPerSecond(IConfiguration configuration)
    {
        var max = configuration.GetValue("Telemetry:MaxTracesPerSecond", 2.0);
        return max > 0
            ? max
            : throw new InvalidOperationException($"Telemetry:MaxTracesPerSecond must be positive, not {max}.");
    }

    /// <summary>
    /// <c>Telemetry:MetricExportInterval</c>, how often each service sends its metrics: 5 s unless
    /// configured (the OpenTelemetry default; the AppHost asks for every second). Eight services each
    /// sending every second kept the dashboard ingesting even when nothing happened
    /// (docs/benchmarks.md); a chart a few seconds behind shows the same.
    /// </summary>
    private static TimeSpan MetricExportInterval(IConfiguration configuration)
    {
        var interval = configuration.GetValue("Telemetry:MetricExportInterval", TimeSpan.FromSeconds(5));
        return interval >= TimeSpan.FromMilliseconds(100) && interval <= TimeSpan.FromMinutes(10)
            ? interval
            : throw new InvalidOperationException($"Telemetry:MetricExportInterval must be between 100 ms and 10 minutes, not {interval}.");
    }

    /// <summary><c>Telemetry:TraceSampleRatio</c>, the share of traces considered: 1 unless configured (0 keeps none).</summary>
    private static double TraceSampleRatio(IConfiguration configuration)
    {
        var ratio = configuration.GetValue("Telemetry:TraceSampleRatio", 1.0);
        return ratio is >= 0 and <= 1
            ? ratio
            : throw new InvalidOperationException($"Telemetry:TraceSampleRatio must be between 0 and 1, not {ratio}.");
    }
}
