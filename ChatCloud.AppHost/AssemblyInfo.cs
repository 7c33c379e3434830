// The AppHost runs the Debian servers as local processes and sets Unix file modes on their data;
// ChatCloud is self-hosted on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
