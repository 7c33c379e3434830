using ChatCloud.Bench;
using ChatCloud.Bench.Cli;

SocketTuning.Apply();
var (options, error) = CommandLineParser.Parse(args);
if (error is not null)
{
    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine();
    Console.Error.WriteLine(Usage.Text);
    return 2;
}

if (options!.ShowHelp)
{
    Console.WriteLine(Usage.Text);
    return 0;
}

// Ctrl-C ends the run through the token, so every client still gets closed.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
return await BenchRunner.RunAsync(options, Console.Out, Console.Error, stop.Token);
