using System.Globalization;

namespace ChatCloud.Recommendations.Data;

/// <summary>
/// The interaction log format of issue 7: one line per interaction, <c>user,item,timestamp[,weight]</c>,
/// timestamp in Unix seconds. Tabs are accepted as separators too, and a first line that does not parse
/// is taken as a header. MovieLens-100k's <c>u.data</c> is <c>user item rating timestamp</c>: reorder it
/// first (<c>awk -v OFS=, '{print $1,$2,$4,$3}' u.data</c>), see docs/ml.md.
/// </summary>
public static class InteractionCsv
{
    public static InteractionLog Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var users = new InteractionLog.IdMap();
        var items = new InteractionLog.IdMap();
        var interactions = new List<Interaction>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
            {
                continue;
            }
            var fields = line.Split(line.Contains('\t', StringComparison.Ordinal) ? '\t' : ',');
            if (fields.Length is < 3 or > 4)
            {
                throw new FormatException($"line {lineNumber}: expected user,item,timestamp[,weight], found {fields.Length} fields");
            }
            if (!long.TryParse(fields[2].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var timestamp))
            {
                if (lineNumber == 1)
                {
                    continue; // a header
                }
                throw new FormatException($"line {lineNumber}: the timestamp '{fields[2]}' is not Unix seconds");
            }
            var weight = 1f;
            if (fields.Length == 4 && (!float.TryParse(fields[3].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !(weight > 0) || float.IsInfinity(weight)))
            {
                throw new FormatException($"line {lineNumber}: the weight '{fields[3]}' is not a positive number");
            }
            var user = fields[0].Trim();
            var item = fields[1].Trim();
            if (user.Length == 0 || item.Length == 0)
            {
                throw new FormatException($"line {lineNumber}: empty user or item");
            }
            interactions.Add(new Interaction(users[user], items[item], timestamp, weight));
        }
        return new InteractionLog(interactions, [], users.Ids, items.Ids);
    }

    public static InteractionLog ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    public static void Write(InteractionLog log, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("user,item,timestamp,weight");
        foreach (var i in log.Interactions)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{log.UserIds[i.User]},{log.ItemIds[i.Item]},{i.Timestamp},{i.Weight}"));
        }
    }
}
