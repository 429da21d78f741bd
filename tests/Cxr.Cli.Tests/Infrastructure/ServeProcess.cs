using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Cxr.Testing;

namespace Cxr.Cli.Tests.Infrastructure;

/// <summary>
/// A real <c>cxr serve</c> child process (<c>dotnet cxr.dll serve --model ... --urls http://127.0.0.1:0</c>): its
/// address once it listens, its output lines, its resident memory and its exit; <see cref="Terminate"/> sends SIGTERM.
/// Disposing kills it if it still runs.
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _out = new();
    private readonly ConcurrentQueue<string> _error = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(string workingDirectory, string model, string[] settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "cxr.dll"), "serve", "--model", model, "--urls", "http://127.0.0.1:0", .. settings])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _listening.TrySetException(new InvalidOperationException("cxr serve ended before it listened."));
                return;
            }

            _out.Enqueue(e.Data);
            if (ListeningOn().Match(e.Data) is { Success: true } match)
            {
                _listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _error.Enqueue(e.Data);
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The committed default model.</summary>
    public static string DefaultModel => Path.Combine(TestData.RepoRoot, "models", "cxr-default.onnx");

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Where it listens (after <see cref="StartAsync"/>).</summary>
    public Uri Address => _listening.Task.IsCompletedSuccessfully ? _listening.Task.Result : throw new InvalidOperationException("Not listening.");

    /// <summary>Every standard-output line so far.</summary>
    public IReadOnlyList<string> OutputLines => [.. _out];

    /// <summary>Every standard-error line so far.</summary>
    public IReadOnlyList<string> ErrorLines => [.. _error];

    /// <summary>Starts the process without waiting (for start-up failures).</summary>
    public static ServeProcess Launch(string workingDirectory, string model, params string[] settings) => new(workingDirectory, model, settings);

    /// <summary>Starts the process and waits (at most 60 s) until it reports its address.</summary>
    /// <exception cref="InvalidOperationException">It exited or did not listen in time; the message has its output.</exception>
    public static async Task<ServeProcess> StartAsync(string workingDirectory, string model, params string[] settings)
    {
        var server = new ServeProcess(workingDirectory, model, settings);
        try
        {
            await server._listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return server;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException(
                $"cxr serve did not start: {e.Message}\nstdout:\n{string.Join('\n', server._out)}\nstderr:\n{string.Join('\n', server._error)}", e);
        }
    }

    /// <summary>VmRSS from <c>/proc/PID/status</c>, in MB.</summary>
    public double ResidentMegabytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        throw new InvalidOperationException($"No VmRSS in /proc/{Id}/status.");
    }

    /// <summary>CPU time used so far by the whole process (every thread, user + system): fields 14 and 15 of
    /// <c>/proc/PID/stat</c>, in clock ticks of 10 ms (Linux's USER_HZ is 100 on every architecture .NET runs on).</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{Id}/stat");
        // The command name (field 2) is in parentheses and may hold spaces; the fields after it are plain.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>Sends SIGTERM (a graceful stop request).</summary>
    public void Terminate() => PosixSignal.Send(Id, PosixSignal.Terminate);

    /// <summary>Waits until the process has exited and its output is read; its exit code, or null after
    /// <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    [GeneratedRegex("Now listening on: (http://127\\.0\\.0\\.1:\\d+)")]
    private static partial Regex ListeningOn();
}
