using System.Threading.Channels;
using ChatCloud.Contracts;
using ChatCloud.Contracts.Messages;
using ChatCloud.Irc;
using ChatCloud.Messaging;
using ChatCloud.TcpEdge.Server;

namespace ChatCloud.TcpEdge.Rooms;

/// <summary>
/// Every post of this edge goes to the broker through one ordered stream: a connection queues its
/// post and reads its next line at once, while one loop publishes whatever has gathered as a batch;
/// the broker's confirms of a batch are waited for together, while the next batches go out. A
/// connection that waited for each confirm itself could post only as fast as the broker syncs its
/// disk; this way one round trip carries a batch, and no batch waits for the one before it.
/// Posts keep their order (one queue, one channel), and the queue is bounded: when it is full a
/// poster waits, which stops its read loop and pushes back on the client, never growing memory.
/// An author learns of a post that was not confirmed by a <c>FAIL … MESSAGE_NOT_SENT</c>.
/// </summary>
public sealed class PostSender(IEventPublisher publisher, int capacity = 10_000, int maxBatch = 500)
{
    /// <summary>
    /// Batches sent and not yet confirmed: the next batch leaves while earlier ones wait for the
    /// broker, so a post queued behind a batch does not wait for that batch's confirm round trip.
    /// </summary>
    public const int MaxBatchesInFlight = 4;

    /// <summary>Posts sent and not yet seen stored, by post id.</summary>
    public PendingPosts Pending { get; } = new();

    private sealed record Queued(PostRequested Post, IrcSession Author, string? Label);

    private readonly Channel<Queued> _queue = Channel.CreateBounded<Queued>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues a post; completes when it is queued (not yet confirmed).</summary>
    public ValueTask EnqueueAsync(PostRequested post, IrcSession author, CancellationToken cancellationToken) =>
        EnqueueAsync(post, author, label: null, cancellationToken);

    /// <remarks><paramref name="label"/>: the post's labeled command is answered by its echo, or by its failure.</remarks>
    public ValueTask EnqueueAsync(PostRequested post, IrcSession author, string? label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        Pending.Add(post.Id, author, label);
        return _queue.Writer.WriteAsync(new Queued(post, author, label), cancellationToken);
    }

    /// <summary>Takes no more posts; <see cref="RunAsync"/> ends once it has sent what was queued.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // A slot per batch sent and not yet settled: with none free the loop waits, and posts gather behind it.
        using var window = new SemaphoreSlim(MaxBatchesInFlight, MaxBatchesInFlight);
        var inFlight = Channel.CreateUnbounded<(List<Queued> Batch, Task<IReadOnlySet<Guid>> Confirms)>(
            new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var settling = SettleAsync(inFlight.Reader, window);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellationToken))
            {
                await window.WaitAsync(cancellationToken);
                var batch = new List<Queued>(Math.Min(maxBatch, _queue.Reader.Count));
                while (batch.Count < maxBatch && _queue.Reader.TryRead(out var queued))
                {
                    batch.Add(queued);
                }
                Task<IReadOnlySet<Guid>> confirms;
                try
                {
                    // Sent now; its confirms are waited for behind, while the next batch goes out.
                    confirms = await publisher.SendInOrderAsync(batch.ConvertAll(queued => (IntegrationEvent)queued.Post), cancellationToken);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    confirms = Task.FromResult<IReadOnlySet<Guid>>(new HashSet<Guid>()); // the publisher logged it; the authors are told
                }
                inFlight.Writer.TryWrite((batch, confirms));
            }
        }
        finally
        {
            inFlight.Writer.TryComplete();
            await settling;
        }
    }

    /// <summary>Waits for each batch's confirms in the order they were sent, and tells the authors of posts that were not confirmed.</summary>
    private async Task SettleAsync(ChannelReader<(List<Queued> Batch, Task<IReadOnlySet<Guid>> Confirms)> inFlight, SemaphoreSlim window)
    {
        await foreach (var (batch, confirms) in inFlight.ReadAllAsync(CancellationToken.None))
        {
            IReadOnlySet<Guid> confirmed;
            try
            {
                confirmed = await confirms;
            }
            catch (Exception)
            {
                confirmed = new HashSet<Guid>(); // stopping, or the publisher failed and logged it
            }
            foreach (var (post, author, label) in batch.Where(queued => !confirmed.Contains(queued.Post.Id)))
            {
                // Not confirmed: it may never be stored. Say so rather than let the user believe it was sent.
                Pending.Forget(post.Id);
                author.Send(new IrcMessage(author.Server.Name, "FAIL", [post.Kind, "MESSAGE_NOT_SENT", $"Your message to {post.Room} could not be sent; try again"]), label);
            }
            window.Release();
        }
    }
}
