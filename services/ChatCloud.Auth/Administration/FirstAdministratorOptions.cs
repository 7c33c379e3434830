using System.ComponentModel.DataAnnotations;

namespace ChatCloud.Auth.Administration;

/// <summary>Section <c>Auth:FirstAdministrator</c>; the AppHost passes the password from its <c>admin-password</c> parameter.</summary>
public sealed class FirstAdministratorOptions
{
    public const string SectionName = "Auth:FirstAdministrator";

    [Required]
    public string Name { get; set; } = "admin";

    /// <summary>Required: a suite without a way in for its operators is not started.</summary>
    [Required]
    [MinLength(12)]
    public string Password { get; set; } = "";
}
