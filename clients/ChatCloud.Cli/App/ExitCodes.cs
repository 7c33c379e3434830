namespace ChatCloud.Cli.App;

// What `chatcloud` exits with, for scripts (docs/cli.md).
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Unexpected = 1;
    public const int Usage = 2;
    public const int AuthenticationFailed = 3;
    public const int ConnectionFailed = 4;
    public const int Refused = 5;
}
