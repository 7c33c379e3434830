using System.Collections.Concurrent;
using ChatCloud.Contracts;
using ChatCloud.Contracts.Messages;
using ChatCloud.Messaging;
using ChatCloud.TcpEdge.Rooms;
using Xunit;
using static ChatCloud.TcpEdge.Tests.TestConnection;

namespace ChatCloud.TcpEdge.Tests;

public sealed class PostSenderTests
{
    [Fact]
    public async Task Batches_leave_while_earlier_ones_wait_for_confirms_and_posts_queued_behind_a_full_window_leave_together_in_order()
    {
        var publisher = new BatchRecorder();
        var sender = new PostSender(publisher);
        await using var alice = new TestConnection();
        var running = sender.RunAsync(CancellationToken.None);

        // Each of the first posts leaves alone, none of them confirmed; once the window is full the rest gather.
        var posts = Enumerable.Range(1, 50).Select(n => Post($"message {n}")).ToList();
        for (var n = 0; n < PostSender.MaxBatchesInFlight; n++)
        {
            await sender.EnqueueAsync(posts[n], alice.Session, CancellationToken.None);
            await publisher.WaitForSentAsync(n + 1).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }
        foreach (var post in posts.Skip(PostSender.MaxBatchesInFlight))
        {
            await sender.EnqueueAsync(post, alice.Session, CancellationToken.None);
        }
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(PostSender.MaxBatchesInFlight, publisher.Batches.Count); // the window is full: the rest wait
        publisher.Release.SetResult();
        sender.Complete();
        await running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(posts.Select(p => p.Id), publisher.Batches.SelectMany(batch => batch));
        Assert.Equal([1, 1, 1, 1, 46], publisher.Batches.Select(batch => batch.Count));
        Assert.Equal(posts.Count, sender.Pending.Count); // all confirmed, none failed: each waits to come back stored
    }

    [Fact]
    public async Task Only_the_authors_of_posts_the_broker_did_not_confirm_are_told()
    {
        var publisher = new BatchRecorder(confirm: post => post.Text != "refused");
        publisher.Release.SetResult();
        var server = CreateServer(TimeProvider.System, publisher: publisher);
        await using var alice = new TestConnection(server);
        await using var bob = new TestConnection(server);
        alice.Register("alice");
        bob.Register("bob");
        alice.Send("JOIN #garden");
        bob.Send("JOIN #garden");

        await bob.SendAsync("PRIVMSG #garden :refused");
        await alice.SendAsync("PRIVMSG #garden :confirmed");
        await alice.SendAsync("PING after");

        Assert.StartsWith(":chatcloud.local FAIL PRIVMSG MESSAGE_NOT_SENT", await bob.ExpectAsync(line => Verb(line) == "FAIL"), StringComparison.Ordinal);
        Assert.Equal("PONG", Verb(await alice.ExpectAsync(line => Verb(line) is "FAIL" or "PONG")));
        Assert.Equal(1, server.Pending.Count); // alice's, until it comes back stored
    }

    [Fact]
    public async Task A_labeled_post_that_was_to_be_answered_by_its_echo_is_answered_by_a_labeled_fail_when_not_confirmed()
    {
        var publisher = new BatchRecorder(confirm: _ => false);
        publisher.Release.SetResult();
        await using var alice = new TestConnection(CreateServer(TimeProvider.System, publisher: publisher));
        alice.Send("CAP REQ :labeled-response batch echo-message");
        alice.Send("CAP END");
        alice.Register("alice");
        alice.Send("JOIN #garden");

        await alice.SendAsync("@label=x1 PRIVMSG #garden :hello");

        Assert.Equal("@label=x1 :chatcloud.local FAIL PRIVMSG MESSAGE_NOT_SENT :Your message to #garden could not be sent; try again",
            await alice.ExpectAsync(line => line.Contains(" FAIL ", StringComparison.Ordinal) || line.EndsWith(" ACK", StringComparison.Ordinal)));
    }

    private static PostRequested Post(string text) => new("#garden", null, "alice", "~alice", "127.0.0.1", "PRIVMSG", text, null);

    /// <summary>Records each ordered batch as it is sent; no confirm comes before <see cref="Release"/>.</summary>
    private sealed class BatchRecorder(Func<PostRequested, bool>? confirm = null) : IEventPublisher
    {
        public ConcurrentQueue<List<Guid>> Batches { get; } = new();
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task PublishAsync<TEvent>(TEvent @event, CancellationToken cancellationToken) where TEvent : IntegrationEvent =>
            throw new InvalidOperationException("Posts go through the ordered stream.");

        public Task<Task<IReadOnlySet<Guid>>> SendInOrderAsync(IReadOnlyList<IntegrationEvent> events, CancellationToken cancellationToken)
        {
            Batches.Enqueue([.. events.Select(e => e.Id)]);
            return Task.FromResult(ConfirmAsync(events));
        }

        public async Task WaitForSentAsync(int batches)
        {
            while (Batches.Count < batches)
            {
                await Task.Delay(10);
            }
        }

        private async Task<IReadOnlySet<Guid>> ConfirmAsync(IReadOnlyList<IntegrationEvent> events)
        {
            await Release.Task;
            return events.Cast<PostRequested>().Where(post => confirm?.Invoke(post) ?? true).Select(post => post.Id).ToHashSet();
        }
    }
}
