using System.Runtime.InteropServices;

namespace Cxr.Testing;

/// <summary>
/// CPU time (user + system) used so far by the calling thread, from <c>getrusage(RUSAGE_THREAD)</c> (Linux). Unlike
/// wall-clock time it does not grow while the thread waits for a core, so a bound on it does not flake when other
/// tests load the machine; unlike process CPU time it does not count other tests' threads.
/// </summary>
public static class ThreadCpuTime
{
    private const int RusageThread = 1;

    /// <summary>The calling thread's CPU time so far.</summary>
    /// <exception cref="InvalidOperationException">getrusage(2) failed.</exception>
    public static TimeSpan Now()
    {
        if (GetRusage(RusageThread, out var usage) != 0)
        {
            throw new InvalidOperationException($"getrusage(RUSAGE_THREAD) failed with errno {Marshal.GetLastPInvokeError()}.");
        }

        return TimeSpan.FromMicroseconds((double)((usage.UserSeconds + usage.SystemSeconds) * 1_000_000 + usage.UserMicroseconds + usage.SystemMicroseconds));
    }

    /// <summary>Runs <paramref name="action"/> on the calling thread and returns the CPU time it used.</summary>
    public static TimeSpan Measure(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var before = Now();
        action();
        return Now() - before;
    }

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetRusage(int who, out Rusage usage);

    // struct rusage on 64-bit Linux: two timevals (seconds, microseconds) then 14 longs this helper does not read.
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NVcsw, NIvcsw;
    }
}
