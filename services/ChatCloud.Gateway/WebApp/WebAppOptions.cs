using System.ComponentModel.DataAnnotations;

namespace ChatCloud.Gateway.WebApp;

public sealed class WebAppOptions
{
    public const string SectionName = "WebApp";

    /// <summary>The folder holding the built web app: <c>web/dist</c> in a local run (the AppHost passes it), else the <c>webapp</c> folder published beside the gateway.</summary>
    [Required]
    public string Root { get; set; } = "webapp";
}
