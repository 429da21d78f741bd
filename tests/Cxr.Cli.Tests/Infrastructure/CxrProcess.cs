using System.Diagnostics;

namespace Cxr.Cli.Tests.Infrastructure;

/// <summary>One <c>cxr</c> command as a child process (<c>dotnet cxr.dll ARGS</c>), for commands that load TorchSharp,
/// which this test process itself must never do (see PredictCommandTests).</summary>
internal static class CxrProcess
{
    /// <summary>Runs the command to its end (at most <paramref name="timeout"/>, default 3 minutes).</summary>
    public static async Task<CliRun> RunAsync(string workingDirectory, string[] args, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cxr.dll"));
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cxr {string.Join(' ', args)} did not finish in time");
        }

        return new CliRun(process.ExitCode, await output, await error);
    }
}
