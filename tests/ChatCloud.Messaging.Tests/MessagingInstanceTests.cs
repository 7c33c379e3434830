using Xunit;

namespace ChatCloud.Messaging.Tests;

/// <summary>An instance id is short, safe in a queue name, and new for every process.</summary>
public sealed class MessagingInstanceTests
{
    [Theory]
    [InlineData("3f2a9c1b7d4e", "^3f2a9c1b7d4e-[0-9a-f]{8}$")]
    [InlineData("Edge_01.local", "^edge-01-local-[0-9a-f]{8}$")]
    [InlineData("tcpedge-7d9f8b6c5-x2x9q-and-then-some", "^[0-9a-f]{8}$")]
    [InlineData("", "^[0-9a-f]{8}$")]
    public void The_id_is_the_short_machine_name_and_a_random_part(string machineName, string pattern) =>
        Assert.Matches(pattern, MessagingInstance.Create(machineName).Id);

    [Fact]
    public void Two_processes_on_one_machine_get_different_ids() =>
        Assert.NotEqual(MessagingInstance.Create("edge").Id, MessagingInstance.Create("edge").Id);
}
