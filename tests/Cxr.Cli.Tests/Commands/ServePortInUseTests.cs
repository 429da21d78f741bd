using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cxr.Cli.Tests.Commands;

/// <summary>The real <c>cxr serve</c> process asked to listen on a port another program holds: one error line, exit
/// code 1, no stack trace (the host's own "Hosting failed to start" entry used to print one).</summary>
public sealed class ServePortInUseTests
{
    [Fact]
    public async Task A_port_in_use_stops_start_up_with_one_error_line_and_exit_code_1()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "cxr.dll"), "serve", "--model", ServeProcess.DefaultModel, "--urls", $"http://127.0.0.1:{port}"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(CxrApp.ExitUserError, process.ExitCode);
        var error = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"error: Failed to bind to address http://127.0.0.1:{port}: address already in use.", error);
        var everything = await stdout + await stderr;
        Assert.DoesNotContain("   at ", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", everything, StringComparison.Ordinal);
    }
}
