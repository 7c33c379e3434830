using System.ComponentModel.DataAnnotations;

namespace ChatCloud.Messages.Rooms;

/// <summary>
/// How long after it was sent a message may be redacted (IRCv3 draft/message-redaction leaves the
/// policy to servers). A window left empty never closes. By default an author has a day to take
/// back their own message and a room operator may remove any message at any time (moderation).
/// </summary>
public sealed class RedactionOptions
{
    public const string SectionName = "Redaction";

    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan? AuthorWindow { get; set; } = TimeSpan.FromDays(1);

    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan? OperatorWindow { get; set; }
}
