using System.ComponentModel.DataAnnotations;

namespace ChatCloud.Gateway.WebApp;

public sealed class WebAppOptions
{
    public const string SectionName = "WebApp";

    /// <summary>The folder holding the built web app (<c>web/dist</c>); the AppHost passes it.</summary>
    [Required]
    public string Root { get; set; } = "";
}
