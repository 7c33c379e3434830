using ChatCloud.Bench.Cli;
using ChatCloud.Bench.Results;

namespace ChatCloud.Bench.Tests;

public sealed class ReportTests
{
    private static readonly LatencySummary NoLatency = new(0, 0, 0, 0, 0, 0, 0);

    private static TargetResult Connected(string name, int registered, double perSecond, double? kib) =>
        new(name, "127.0.0.1", 1, null, null, null,
            new ConnectResult(registered, registered, registered, registered, 0, 0, new Dictionary<string, int>(), 1, perSecond, NoLatency, NoLatency, 1000, 2000, kib, null),
            [], null, null);

    [Fact]
    public void Compare_shows_each_target_with_its_ratio_to_the_first()
    {
        string table = ConsoleReport.Compare([Connected("chatcloud", 1000, 400, 10), Connected("inspircd", 1000, 800, 5)], Scenario.Connect);
        string[] lines = table.Split('\n');

        Assert.Matches(@"^figure\s+chatcloud\s+inspircd$", lines[0]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^registrations/s\s+400\s+800 \(2\.00×\)$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^server KiB per connection\s+10\.00\s+5\.00 \(0\.50×\)$"));
        // A ratio to zero has no meaning.
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^clients failed\s+0\s+0 \(-\)$"));
    }

    [Fact]
    public void A_missing_figure_is_a_dash_without_a_ratio()
    {
        string table = ConsoleReport.Compare([Connected("a", 10, 1, null), Connected("b", 10, 1, null)], Scenario.Connect);

        Assert.Contains(table.Split('\n'), l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^server KiB per connection\s+-\s+-$"));
    }

    [Fact]
    public void Text_tables_align_labels_left_and_figures_right()
    {
        string table = new TextTable("figure", "value").Add("a", "1").Add("longer", "1,000").ToString();

        Assert.Equal("figure  value\n------  -----\na           1\nlonger  1,000\n", table);
    }

    [Fact]
    public void The_json_report_names_every_figure_in_camel_case()
    {
        var report = new BenchReport(
            DateTimeOffset.UnixEpoch, "connect", new MachineInfo(2, "cpu", "Linux", ".NET"),
            new RunSettings(1, 1, 1, 1, 1, false, 1, 1, 1, 1, 100, 1000, 1, "a1b2c3"), [Connected("x", 1, 1, 6.5)]);

        string json = JsonReport.Serialize(report);

        Assert.Contains("\"memoryPerConnectionKb\": 6.5", json, StringComparison.Ordinal);
        Assert.Contains("\"runId\": \"a1b2c3\"", json, StringComparison.Ordinal);
    }
}
