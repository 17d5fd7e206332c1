using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace MentorBot.BrowserTests;

/// <summary>
/// tools/run-local.sh on free loopback ports, with fresh in-memory tables and what the build already made
/// (MENTORBOT_NO_BUILD): Azurite, the trial's Graph, MentorBot and the Agents Playground. The demo program is not
/// seeded (MENTORBOT_SEED=0): the browser check seeds it once its page is connected, see tools/trial/browser-check.mjs.
/// Stopped with SIGTERM, which the script passes on to everything it started.
/// </summary>
internal sealed class LocalTrial : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LocalTrial(Process process, int playgroundPort, int botPort)
    {
        _process = process;
        PlaygroundUrl = $"http://127.0.0.1:{playgroundPort}";
        BotEndpoint = $"http://127.0.0.1:{botPort}/api/messages";
    }

    public string PlaygroundUrl { get; }

    public string BotEndpoint { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string RepositoryRoot => MentorBot.Testing.RepositoryRoot.Path;

    public static async Task<LocalTrial> StartAsync(TimeSpan timeout)
    {
        var configuration = typeof(LocalTrial).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Configuration")?.Value ?? "Debug";
        var (bot, playground, azurite) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot, "tools", "run-local.sh")])
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["MENTORBOT_PORT"] = bot.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PLAYGROUND_PORT"] = playground.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AZURITE_PORT"] = azurite.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["MENTORBOT_NO_BUILD"] = "1";
        start.Environment["MENTORBOT_CONFIGURATION"] = configuration;
        start.Environment["MENTORBOT_SEED"] = "0";

        var trial = new LocalTrial(Process.Start(start) ?? throw new InvalidOperationException("bash did not start"), playground, bot);
        trial._process.OutputDataReceived += (_, e) => trial.OnLine(e.Data);
        trial._process.ErrorDataReceived += (_, e) => trial.OnLine(e.Data);
        trial._process.BeginOutputReadLine();
        trial._process.BeginErrorReadLine();

        var exited = trial._process.WaitForExitAsync();
        var first = await Task.WhenAny(trial._ready.Task, exited, Task.Delay(timeout));
        if (first != trial._ready.Task)
        {
            var why = first == exited ? $"tools/run-local.sh exited with {trial._process.ExitCode}" : $"the local trial was not ready within {timeout.TotalSeconds:0} s";
            var output = trial.Output;
            await trial.DisposeAsync();
            throw new InvalidOperationException($"{why}:\n{output}");
        }

        return trial;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the script's trap stops Azurite, the Graph, the bot and the Playground, then exits.
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill!.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Trim() == "TRIAL_READY")
        {
            _ready.TrySetResult();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
