using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;

namespace MentorBot.Testing;

/// <summary>
/// The Azurite table emulator, run from the pinned npm package in <c>tools/</c> on a free loopback port.
/// Set <c>MENTORBOT_TEST_TABLES</c> to a connection string to use tables that are already running instead.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Environment variable holding a connection string to use instead of starting Azurite.</summary>
    public const string ExternalTablesVariable = "MENTORBOT_TEST_TABLES";

    /// <summary>The emulator's well-known account key, published by Microsoft; not a secret.</summary>
    public const string EmulatorAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string MainScript = "tools/node_modules/azurite/dist/src/table/main.js";
    private const int StartAttempts = 3;
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(15);

    private readonly AzuriteOptions _options;
    private readonly string? _mainScript;
    private readonly string? _dataFolder;
    private readonly EventHandler _killOnHostExit;
    private Process? _process;
    private OutputTail _output = new();
    private bool _disposed;

    private AzuriteProcess(AzuriteOptions options, string? mainScript, int port, string connectionString, string? dataFolder)
    {
        _options = options;
        _mainScript = mainScript;
        Port = port;
        ConnectionString = connectionString;
        _dataFolder = dataFolder;
        // If the test host ends without disposing us, still take the emulator down with it.
        _killOnHostExit = (_, _) => KillNow();
    }

    /// <summary>Connection string for Azure.Data.Tables (the explicit devstoreaccount1 form, since the port is not 10002).</summary>
    public string ConnectionString { get; }

    /// <summary>The table port, or 0 when external tables are used.</summary>
    public int Port { get; }

    /// <summary>True when <c>MENTORBOT_TEST_TABLES</c> supplied the tables and nothing was started.</summary>
    public bool IsExternal => _mainScript is null;

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<AzuriteProcess> StartAsync(AzuriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AzuriteOptions();
        var external = Environment.GetEnvironmentVariable(ExternalTablesVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new AzuriteProcess(options, mainScript: null, port: 0, external, dataFolder: null);
        }

        var mainScript = Path.Combine(RepositoryRoot.Path, MainScript);
        if (!File.Exists(mainScript))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({mainScript} is missing). Run `npm ci --prefix tools` in the repository root, " +
                $"or set {ExternalTablesVariable} to the connection string of running tables.");
        }

        var dataFolder = options.Persistent
            ? Directory.CreateTempSubdirectory("mentorbot-azurite-").FullName
            : null;

        // The chosen port is released before Azurite binds it, so another process can take it in
        // between; a start that dies early is retried on a fresh port.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeTcpPort.Pick();
            var azurite = new AzuriteProcess(options, mainScript, port, ConnectionStringFor(port), dataFolder);
            try
            {
                await azurite.LaunchAsync(cancellationToken).ConfigureAwait(false);
                return azurite;
            }
            catch (AzuriteExitedEarlyException) when (attempt < StartAttempts)
            {
                // Keep the data folder: the next attempt uses it.
                await azurite.ReleaseProcessAsync().ConfigureAwait(false);
            }
            catch
            {
                await azurite.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>A client for this emulator's tables.</summary>
    public TableServiceClient CreateServiceClient(TableClientOptions? options = null) => new(ConnectionString, options);

    /// <summary>
    /// Stops the emulator (for fault tests). Persistent instances get SIGINT so Azurite saves its
    /// data; in-memory ones are killed and lose everything.
    /// </summary>
    public async Task StopAsync()
    {
        EnsureManaged();
        var process = _process;
        if (process is null || process.HasExited)
        {
            return;
        }

        if (_options.Persistent)
        {
            await InterruptAsync(process).ConfigureAwait(false);
        }

        KillNow();
        await process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Starts the emulator again on the same port, so existing connection strings keep working.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        EnsureManaged();
        if (IsRunning)
        {
            throw new InvalidOperationException("Azurite is still running; call StopAsync first.");
        }

        return LaunchAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await ReleaseProcessAsync().ConfigureAwait(false);
        DeleteDataFolder();
    }

    private static string ConnectionStringFor(int port) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={EmulatorAccountKey};" +
        $"TableEndpoint=http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/devstoreaccount1;";

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        _process?.Dispose();
        _output = new OutputTail();
        var process = new Process { StartInfo = StartInfo(), EnableRaisingEvents = true };
        var output = _output;
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException(
                $"Could not run '{_options.NodeExecutable}' to start Azurite: {e.Message}. Is Node.js installed and on PATH?", e);
        }

        _process = process;
        AppDomain.CurrentDomain.ProcessExit -= _killOnHostExit;
        AppDomain.CurrentDomain.ProcessExit += _killOnHostExit;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilListeningAsync(process, cancellationToken).ConfigureAwait(false);
    }

    private ProcessStartInfo StartInfo()
    {
        // node runs main.js itself (not npx or a shell), so the PID we hold is the emulator and killing it leaves no orphans.
        var info = new ProcessStartInfo(_options.NodeExecutable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        info.ArgumentList.Add(_mainScript!);
        info.ArgumentList.Add("--tableHost");
        info.ArgumentList.Add("127.0.0.1");
        info.ArgumentList.Add("--tablePort");
        info.ArgumentList.Add(Port.ToString(CultureInfo.InvariantCulture));
        if (_dataFolder is null)
        {
            info.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            info.ArgumentList.Add("--location");
            info.ArgumentList.Add(_dataFolder);
        }

        info.ArgumentList.Add("--disableTelemetry");
        info.ArgumentList.Add("--silent");
        return info;
    }

    private async Task WaitUntilListeningAsync(Process process, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!await FreeTcpPort.AcceptsConnectionsAsync(Port, cancellationToken).ConfigureAwait(false))
        {
            if (process.HasExited)
            {
                throw new AzuriteExitedEarlyException(
                    $"Azurite exited with code {process.ExitCode} before accepting connections on port {Port}. Output:{Environment.NewLine}{_output}");
            }

            if (stopwatch.Elapsed > _options.StartTimeout)
            {
                KillNow();
                throw new TimeoutException(
                    $"Azurite did not accept connections on 127.0.0.1:{Port} within {_options.StartTimeout.TotalSeconds:0} s. Output:{Environment.NewLine}{_output}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>SIGINT lets Azurite write its database before exiting; SIGTERM and SIGKILL can lose the last writes.</summary>
    private static async Task InterruptAsync(Process process)
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-INT", process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
        {
            if (kill is not null)
            {
                await kill.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        using var timeout = new CancellationTokenSource(GracefulStopTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Falls through to a hard kill by the caller.
        }
    }

    private async Task ReleaseProcessAsync()
    {
        var process = _process;
        KillNow();
        if (process is not null)
        {
            await process.WaitForExitAsync().ConfigureAwait(false);
            process.Dispose();
            _process = null;
        }

        AppDomain.CurrentDomain.ProcessExit -= _killOnHostExit;
    }

    private void KillNow()
    {
        try
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void DeleteDataFolder()
    {
        if (_dataFolder is null || !Directory.Exists(_dataFolder))
        {
            return;
        }

        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test run over it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void EnsureManaged()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsExternal)
        {
            throw new InvalidOperationException(
                $"Tables come from {ExternalTablesVariable}; stopping and restarting them is only possible with a local Azurite.");
        }
    }
}
