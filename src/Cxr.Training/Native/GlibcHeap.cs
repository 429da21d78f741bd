using System.Runtime.InteropServices;

namespace Cxr.Training.Native;

/// <summary>
/// Tunes glibc's allocator for training. libtorch frees and re-allocates the same large activation and gradient buffers
/// every step; with glibc's defaults the top of the heap is handed back to the kernel after such frees and faulted in
/// again, zero-filled, at the next step. On 2 cores that page traffic took about half of the CPU time as system time
/// and cut training throughput by 1.7× (cxrnet) to 7× (seed-cnn); see docs/performance.md. Keeping a pad of freed
/// memory at the top of the heap removes it, at the price of up to <see cref="TopPadBytes"/> more resident memory.
/// </summary>
/// <remarks>No effect (and no error) where the C library is not glibc.</remarks>
public static class GlibcHeap
{
    /// <summary>Bytes the heap grows by beyond each request, and keeps when its top is freed: 1 GiB.</summary>
    public const int TopPadBytes = 1 << 30;

    /// <summary>Free bytes at the top of the heap before glibc returns them: the largest value mallopt takes.</summary>
    public const int TrimThresholdBytes = int.MaxValue;

    /// <summary>Requests from this size up get their own mapping: the largest value glibc takes on 64-bit (32 MiB).
    /// Setting the pad switches off glibc's self-raising threshold, which would otherwise stay at 128 KiB.</summary>
    public const int MmapThresholdBytes = 32 << 20;

    // mallopt's parameter numbers, from glibc's malloc.h.
    private const int TrimThreshold = -1;
    private const int TopPad = -2;
    private const int MmapThreshold = -3;

    private static readonly Lazy<bool> Tuned = new(Apply);

    /// <summary>Applies the tuning, once per process. Returns whether glibc accepted it (false off glibc).</summary>
    public static bool KeepFreedMemoryForReuse() => Tuned.Value;

    private static bool Apply()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            var padAccepted = mallopt(TopPad, TopPadBytes) == 1;
            var trimAccepted = mallopt(TrimThreshold, TrimThresholdBytes) == 1;
            var mmapAccepted = mallopt(MmapThreshold, MmapThresholdBytes) == 1;
            return padAccepted && trimAccepted && mmapAccepted;
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);
}
