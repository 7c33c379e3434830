using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCloud.Authentication;

/// <summary>
/// Fetches the issuer's discovery document and JWKS — and this service's own token, if it calls
/// others — once in the background after start, so the first request a person makes does not pay
/// for them inside its deadline (the edge gives a sign-in 5 s). Best effort: the issuer may start
/// after this service, so it is retried for a while; what is not fetched now is fetched on first use.
/// </summary>
public sealed partial class TokenTrustWarmup(
    IOptionsMonitor<JwtBearerOptions> bearer, IServiceProvider services, TimeProvider time, ILogger<TokenTrustWarmup> logger) : BackgroundService
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var configuration = bearer.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager;
        var serviceToken = services.GetService<ServiceTokenSource>();
        var started = time.GetUtcNow();
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (configuration is not null)
                {
                    await configuration.GetConfigurationAsync(stoppingToken);
                }
                if (serviceToken is not null)
                {
                    await serviceToken.GetAsync(stoppingToken);
                }
                return;
            }
            // Whatever goes wrong here must not stop the host: the same fetch happens again on first use.
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                if (time.GetUtcNow() - started > GiveUpAfter)
                {
                    LogGaveUp(logger, exception);
                    return;
                }
            }
            await Task.Delay(delay, time, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The identity provider could not be reached at start; its metadata will be fetched on first use")]
    private static partial void LogGaveUp(ILogger logger, Exception exception);
}
