namespace ChatCloud.Cli.Session;

// A row of the message pane: a line, or the "-- Wednesday 25 November 2026 --" rule before the first
// line of each local calendar day.
internal readonly record struct DisplayRow(ChatLine? Line, DateOnly? Day);

internal static class DayGrouping
{
    public static IEnumerable<DisplayRow> Rows(IEnumerable<ChatLine> lines, TimeZoneInfo zone)
    {
        DateOnly? previous = null;
        foreach (var line in lines)
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(line.Time, zone).DateTime);
            if (day != previous)
            {
                yield return new DisplayRow(null, day);
                previous = day;
            }

            yield return new DisplayRow(line, null);
        }
    }
}
