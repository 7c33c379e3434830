using System.Threading.Channels;
using ChatCloud.Contracts.Recommendations;
using ChatCloud.Messaging;
using Microsoft.Extensions.Options;

namespace ChatCloud.Recommendations.Models;

/// <summary>
/// Keeps a model in use and retrains it in the background: at start-up it loads the newest stored
/// version (or trains one), then retrains every <see cref="RecommendationsOptions.RetrainInterval"/>
/// and whenever <see cref="RequestRetraining"/> is called, swapping the new model in atomically.
/// A failed run is logged and the model in use stays; requests made during a run are coalesced into one.
/// Each model put in use is announced with its offline figures (<see cref="ModelActivated"/>), for the operators' analytics.
/// </summary>
public sealed partial class RetrainingService(
    ModelTrainer trainer, ModelHolder holder, RetrainingProgress progress, IOptions<RecommendationsOptions> options,
    TimeProvider time, ILogger<RetrainingService> logger, BestEffortPublisher? announcer = null) : BackgroundService
{
    // One pending request is enough: a run started after it sees all data it would have seen.
    private readonly Channel<string> _requests = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a run soon; false when one is already waiting (this request is then served by it).</summary>
    public bool RequestRetraining(string reason) => _requests.Writer.TryWrite(reason);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // start-up of the host does not wait for loading or training
        try
        {
            if (await trainer.LoadLatestAsync(stoppingToken) is { } stored)
            {
                holder.Swap(stored);
                Announce(stored);
                LogLoaded(stored.Card.Version, stored.Card.Evaluation["model"].HitRate);
            }
            else
            {
                await RunAsync("no stored version", stoppingToken);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.Text.Json.JsonException or FormatException)
        {
            LogLoadFailed(e);
            await RunAsync("the stored version could not be loaded", stoppingToken);
        }

        using var timer = new PeriodicTimer(options.Value.RetrainInterval, time);
        Task<bool>? tick = null;
        Task<bool>? request = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
            request ??= _requests.Reader.WaitToReadAsync(stoppingToken).AsTask();
            try
            {
                var woke = await Task.WhenAny(tick, request);
                await woke; // surfaces cancellation
                string reason;
                if (woke == tick)
                {
                    tick = null;
                    reason = "schedule";
                }
                else
                {
                    request = null;
                    reason = _requests.Reader.TryRead(out var asked) ? asked : "request";
                }
                await RunAsync(reason, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void Announce(ServingModel serving)
    {
        var figures = serving.Card.Evaluation;
        announcer?.Publish(new ModelActivated(serving.Card.Version, serving.Card.TrainedAt, figures.Protocol, figures.K,
            figures["model"].HitRate, figures["model"].Ndcg, figures["popularity"].HitRate, figures["random"].HitRate) { OccurredAt = time.GetUtcNow() });
    }

    private async Task RunAsync(string reason, CancellationToken stoppingToken)
    {
        progress.Start(reason);
        LogStarted(reason);
        try
        {
            var trained = await trainer.TrainAsync(options.Value.KeepVersions, progress, stoppingToken, fallBackOnFailure: holder.Current is null);
            var previous = holder.Swap(trained);
            Announce(trained);
            progress.Finish(trained.Card.Version, error: null);
            LogSwapped(trained.Card.Version, previous?.Card.Version, trained.Card.Evaluation["model"].HitRate, trained.Card.Evaluation["popularity"].HitRate);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            progress.Finish(null, "stopped");
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever broke the run (bad data, a full disk), the model in use keeps serving.
            progress.Finish(null, e.Message);
            LogFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded stored model version {Version} (HR@5 {HitRate:F3})")]
    private partial void LogLoaded(int version, double hitRate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored model could not be loaded; training a new one")]
    private partial void LogLoadFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retraining started ({Reason})")]
    private partial void LogStarted(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model version {Version} in use (was {Previous}); HR@5 {HitRate:F3} against popularity {Popularity:F3}")]
    private partial void LogSwapped(int version, int? previous, double hitRate, double popularity);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retraining failed; the model in use stays")]
    private partial void LogFailed(Exception exception);
}
