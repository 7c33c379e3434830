using Microsoft.Extensions.Options;

namespace ChatCloud.Messaging;

/// <summary>Tuning of the bus; the defaults suit every ChatCloud service.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>Unacknowledged deliveries a consumer holds at once.</summary>
    public ushort Prefetch { get; set; } = 32;

    /// <summary>In-process retries after a handler's first failure before the message is dead-lettered.</summary>
    public int RetryAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; each next one waits five times longer (200 ms, 1 s, 5 s).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Publishing channels kept open: each carries one publish at a time and waits for its confirm,
    /// so this is how many direct publishes (the edge's posts) can wait for the broker at once.
    /// </summary>
    public int PublisherChannels { get; set; } = 16;

    /// <summary>Deliveries a batch handler (<see cref="IBatchEventHandler{TEvent}"/>) gets at most at once; the prefetch bounds it too.</summary>
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>
    /// Consecutive events of one name and routing key that the ordered publisher (the outbox relay,
    /// the edge's post stream) sends as one message (<see cref="EventBundle"/>); 1 sends each alone.
    /// </summary>
    public int MaxBundleEvents { get; set; } = 64;

    /// <summary>Outbox rows the leading relay reads and sends as one batch (up to four batches wait for confirms at once).</summary>
    public int OutboxBatchSize { get; set; } = 250;

    /// <summary>
    /// How often the leading relay looks without a notification, in case one was missed (a dropped
    /// LISTEN connection), and from the start of the outbox, for a row committed long after its
    /// position was taken (<see cref="OutboxFloor"/>); and how often the others try for the lead: a
    /// leader that goes is replaced within it.
    /// </summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each subscriber's dead-letter queue is counted (<c>chatcloud.messaging.dead_letters</c>).</summary>
    public TimeSpan DeadLetterCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    internal TimeSpan RetryDelay(int retry) => RetryBaseDelay * Math.Pow(5, retry - 1);
}

internal sealed class MessagingOptionsValidator : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        List<string> errors = [];
        if (options.Prefetch == 0)
        {
            errors.Add($"{nameof(options.Prefetch)} must be at least 1: 0 would mean unbounded.");
        }
        if (options.RetryAttempts is < 0 or > 5)
        {
            errors.Add($"{nameof(options.RetryAttempts)} must be 0 to 5: the fifth retry already waits 625 times the base delay.");
        }
        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > TimeSpan.FromSeconds(10))
        {
            errors.Add($"{nameof(options.RetryBaseDelay)} must be 0 to 10 seconds.");
        }
        if (options.PublisherChannels is < 1 or > 64)
        {
            errors.Add($"{nameof(options.PublisherChannels)} must be 1 to 64.");
        }
        if (options.MaxBatchSize is < 1 or > 1000)
        {
            errors.Add($"{nameof(options.MaxBatchSize)} must be 1 to 1000.");
        }
        if (options.MaxBundleEvents is < 1 or > 1000)
        {
            errors.Add($"{nameof(options.MaxBundleEvents)} must be 1 to 1000.");
        }
        if (options.OutboxBatchSize is < 1 or > 1000)
        {
            errors.Add($"{nameof(options.OutboxBatchSize)} must be 1 to 1000.");
        }
        if (options.DeadLetterCheckInterval < TimeSpan.FromMilliseconds(100))
        {
            errors.Add($"{nameof(options.DeadLetterCheckInterval)} must be at least 100 ms.");
        }
        if (options.OutboxPollInterval <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(options.OutboxPollInterval)} must be positive.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
