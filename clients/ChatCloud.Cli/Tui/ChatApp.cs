using ChatCloud.Cli.App;
using ChatCloud.Cli.Irc;
using ChatCloud.Cli.Recommendations;
using ChatCloud.Cli.Session;
using ChatCloud.Irc;
using Terminal.Gui.App;
using Terminal.Gui.Input;

namespace ChatCloud.Cli.Tui;

// The full-screen client: wires the IRC client's events onto the UI thread, runs the UI, and on
// /quit, Ctrl-C or SIGTERM sends QUIT and closes the socket before the process ends.
internal static class ChatApp
{
    // Lines of a multi-line paste go out one per interval, so a paste never trips flood control
    // (the edge allows a burst of 20, then 4 lines a second; docs/protocol.md).
    private static readonly TimeSpan PasteInterval = TimeSpan.FromMilliseconds(300);

    public static async Task<int> RunAsync(ConnectionOptions options, ClientConfig config, string saveTo, ISuggestionSource? suggestions = null)
    {
        Theme.Use(config.Theme);
        await using var client = new ChatClient(options);
        var session = new ChatSession(options.Nick, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        using IApplication app = Application.Create().Init();
        void OnUi(Action action) => app.Invoke(action);
        void Quit()
        {
            session.Note("Leaving…");
            app.RequestStop();
        }

        var controller = new ChatController(client, session, OnUi, Quit, suggestions);
        using var main = new MainWindow(session, controller);
        client.Received += message => OnUi(() => controller.Receive(message));
        client.StatusChanged += status => OnUi(() => session.SetStatus(Status(client, status)));
        client.CertificateSeen += fingerprint => OnUi(() => session.Note(
            options.Insecure ? $"TLS certificate accepted without validation (--insecure); its SHA-256 fingerprint is {fingerprint}" : $"TLS certificate verified; SHA-256 {fingerprint}",
            LineKind.Event, session.ServerBuffer));
        app.Keyboard.KeyDown += (_, key) =>
        {
            // Ctrl-C leaves cleanly (QUIT sent); Esc, Terminal.Gui's default quit key, does nothing here.
            if (key == Key.C.WithCtrl || key == Key.Q.WithCtrl)
            {
                key.Handled = true;
                Quit();
            }
            else if (key == Key.Esc)
            {
                key.Handled = true;
            }
        };
        var paste = new Queue<string>();
        app.Paste += (_, e) =>
        {
            var lines = e.Text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).ToList();
            if (lines.Count <= 1)
            {
                return;
            }

            e.Handled = true;
            lines.ForEach(paste.Enqueue);
            session.Note($"Sending {lines.Count} pasted lines, one every {PasteInterval.TotalMilliseconds:0} ms.");
        };
        app.AddTimeout(PasteInterval, () =>
        {
            if (paste.TryDequeue(out var line))
            {
                controller.Execute(line);
            }

            return true;
        });
        app.AddTimeout(TimeSpan.FromSeconds(2), () =>
        {
            session.SetStatus(Status(client, client.Status));
            controller.MarkRead();
            return true;
        });
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                OnUi(Quit);
            });

        session.Note($"Connecting to {options.Host}:{options.Port} as {options.Nick}…", LineKind.Event, session.ServerBuffer);
        var running = client.RunAsync(stop.Token);
        var sending = controller.SendLoopAsync(stop.Token);
        SaveConfigOnFirstConnect(client, config, options, saveTo);
        _ = running.ContinueWith(
            task => OnUi(() => session.Note($"Disconnected for good: {task.Exception?.InnerException?.Message}", LineKind.Error, session.ServerBuffer)),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        app.Run(main);

        using (var quitDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await client.QuitAsync("chatcloud", quitDeadline.Token);
        }

        await stop.CancelAsync();
        await sending;
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"chatcloud: {exception.Message}");
            return Launcher.ExitCodeOf(exception);
        }

        return ExitCodes.Ok;
    }

    private static SessionStatus Status(ChatClient client, ConnectionStatus status) =>
        new($"{client.Options.Host}:{client.Options.Port}", client.IsTls, client.Account, status.State, status.Detail, client.Lag);

    // A first successful sign-in writes host, port, TLS and account (never the password) so the next
    // start needs no options.
    private static void SaveConfigOnFirstConnect(ChatClient client, ClientConfig config, ConnectionOptions options, string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        _ = client.Registered.ContinueWith(
            _ => (config with { Host = options.Host, Port = options.Port, Tls = options.Tls, Account = client.Account ?? options.Account, Nick = options.Nick }).Save(path),
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }
}
