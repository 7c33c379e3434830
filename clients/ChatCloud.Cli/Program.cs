using ChatCloud.Cli.App;

// `chatcloud`: see docs/cli.md and `chatcloud --help`.
return await Launcher.RunAsync(args);
