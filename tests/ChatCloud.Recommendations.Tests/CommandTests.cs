using ChatCloud.Recommendations.Commands;
using Xunit;

namespace ChatCloud.Recommendations.Tests;

/// <summary>The generate and evaluate commands end to end: the CSV path of issue 7 with generator output in that format.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly string _csv = Path.Combine(Path.GetTempPath(), "chatcloud-log-" + Guid.NewGuid().ToString("N") + ".csv");

    public void Dispose() => File.Delete(_csv);

    [Fact]
    public async Task Generate_writes_a_log_that_evaluate_reads_under_leave_one_out()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var generated = await RecommendationsCommands.RunAsync(
            ["generate", "--users", "300", "--rooms", "80", "--communities", "6", "--days", "20", "--revisit-share", "0.4", "--out", _csv],
            output, error, TestContext.Current.CancellationToken);
        var evaluated = await RecommendationsCommands.RunAsync(["evaluate", "--data", _csv], output, error, TestContext.Current.CancellationToken);

        Assert.Equal(0, generated);
        Assert.Equal(0, evaluated);
        var report = output.ToString();
        Assert.Contains("protocol leave-one-out, 100 sampled negatives", report, StringComparison.Ordinal);
        Assert.Contains("HR@10", report, StringComparison.Ordinal);
        Assert.Contains("popularity", report, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evaluate --protocol sideways", "--protocol is time, loo or next, not 'sideways'")]
    [InlineData("evaluate --colour red", "unknown option(s): --colour")]
    [InlineData("generate --users many", "--users takes a whole number, not 'many'")]
    [InlineData("evaluate --data /nonexistent/log.csv", "Could not find")]
    [InlineData("evaluate --data /dev/null", "the log is empty")]
    [InlineData("evaluate --data /dev/null --protocol time", "the log is empty")]
    public async Task Bad_arguments_get_a_clear_error_and_exit_code_2(string commandLine, string message)
    {
        var error = new StringWriter();

        var exit = await RecommendationsCommands.RunAsync(commandLine.Split(' '), new StringWriter(), error, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("usage:", error.ToString(), StringComparison.Ordinal);
    }
}
