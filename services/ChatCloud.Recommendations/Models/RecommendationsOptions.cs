using System.ComponentModel.DataAnnotations;

namespace ChatCloud.Recommendations.Models;

/// <summary>Where model versions live and how often the model is retrained (docs/ml.md, "Model versions").</summary>
public sealed class RecommendationsOptions
{
    public const string SectionName = "Recommendations";

    /// <summary>The directory the service owns for model versions; empty means the local application data folder.</summary>
    public string ModelDirectory { get; set; } = "";

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan RetrainInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Versions kept on disk, newest first; older ones are deleted after a successful training.</summary>
    [Range(1, 100)]
    public int KeepVersions { get; set; } = 5;

    /// <summary>Seed of the generated workload the model trains on until the event history exists (issue 7).</summary>
    public int WorkloadSeed { get; set; } = 42;

    public string ResolvedModelDirectory => ModelDirectory.Length > 0
        ? ModelDirectory
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "chatcloud", "recommendations");
}
