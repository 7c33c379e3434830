using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace ChatCloud.Cli.Tui;

// Colours. A nick keeps its colour across sessions and machines: it comes from a stable hash (FNV-1a)
// of the lower-cased nick, not string.GetHashCode, which is randomised per process.
internal static class Theme
{
    private static Color Background = Color.Black;
    private static Color Foreground = Color.White;

    // The configuration's "theme": "light" for dark text on a light terminal; anything else is dark.
    public static void Use(string? theme)
    {
        bool light = string.Equals(theme, "light", StringComparison.OrdinalIgnoreCase);
        (Background, Foreground) = light ? (Color.White, Color.Black) : (Color.Black, Color.White);
    }

    private static readonly Color[] NickColors =
    [
        Color.BrightCyan, Color.BrightGreen, Color.BrightYellow, Color.BrightMagenta, Color.BrightBlue,
        Color.Cyan, Color.Green, Color.Yellow, Color.Magenta, Color.BrightRed,
    ];

    public static Attribute Text => new(Foreground, Background);

    public static Attribute Dim => new(Color.DarkGray, Background);

    public static Attribute Error => new(Color.Red, Background);

    public static Attribute Separator => new(Color.Gray, Background);

    public static Attribute Selected => new(Color.Black, Color.Cyan);

    public static Attribute Mention => new(Color.BrightRed, Background);

    public static Attribute Unread => new(Color.BrightYellow, Background);

    public static Attribute Status => new(Color.Black, Color.Gray);

    public static Attribute Nick(string nick)
    {
        uint hash = 2166136261;
        foreach (char c in nick.ToLowerInvariant())
        {
            hash = (hash ^ c) * 16777619;
        }

        return new Attribute(NickColors[hash % (uint)NickColors.Length], Background);
    }
}
