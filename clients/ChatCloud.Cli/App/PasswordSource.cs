using System.Text;

namespace ChatCloud.Cli.App;

// The password, from CHATCLOUD_PASSWORD (scripts) or a prompt that echoes '*' for each character.
// It is kept in memory only and never written anywhere.
internal static class PasswordSource
{
    public const string EnvironmentVariable = "CHATCLOUD_PASSWORD";

    public static string? Get(string account)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        return Console.IsInputRedirected ? null : Prompt($"Password for {account}: ");
    }

    private static string Prompt(string prompt)
    {
        Console.Write(prompt);
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return password.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                    Console.Write("\b \b");
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
                Console.Write('*');
            }
        }
    }
}
