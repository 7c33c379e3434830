using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatCloud.Bench.Results;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;

public static class JsonReport
{
    public static async Task WriteAsync(string path, BenchReport report, CancellationToken cancellationToken)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, report, BenchJsonContext.Default.BenchReport, cancellationToken);
    }

    public static string Serialize(BenchReport report) => JsonSerializer.Serialize(report, BenchJsonContext.Default.BenchReport);
}
