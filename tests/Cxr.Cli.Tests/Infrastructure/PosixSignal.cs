using System.Runtime.InteropServices;

namespace Cxr.Cli.Tests.Infrastructure;

/// <summary>Sends a POSIX signal to another process (Linux). <see cref="System.Diagnostics.Process.Kill()"/> only sends
/// SIGKILL, which no process can handle; a graceful stop needs SIGTERM.</summary>
internal static partial class PosixSignal
{
    /// <summary>SIGTERM: what service managers and container runtimes send to stop a service.</summary>
    public const int Terminate = 15;

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/>.</summary>
    /// <exception cref="InvalidOperationException">kill(2) failed (e.g. no such process).</exception>
    public static void Send(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
