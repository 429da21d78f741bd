using System.Runtime.InteropServices;
using Cxr.Training.Native;

namespace Cxr.Training.Tests.Native;

public sealed class GlibcHeapTests
{
    [Fact]
    public void Glibc_accepts_the_tuning_and_a_second_call_does_not_apply_it_again()
    {
        Assert.True(OperatingSystem.IsLinux(), "the project's machines run Linux with glibc");
        Assert.True(GlibcHeap.KeepFreedMemoryForReuse());
        Assert.True(GlibcHeap.KeepFreedMemoryForReuse());
    }

    [Fact]
    public void Freed_heap_memory_below_the_mapping_threshold_stays_with_the_process()
    {
        Assert.True(GlibcHeap.KeepFreedMemoryForReuse());
        const int size = 16 << 20;
        Assert.True(size < GlibcHeap.MmapThresholdBytes);
        var before = mallinfo2().FreeBytes;
        var block = Marshal.AllocHGlobal(size);
        for (var offset = 0; offset < size; offset += 4096)
        {
            Marshal.WriteByte(block, offset, 1);
        }
        Marshal.FreeHGlobal(block);
        var after = mallinfo2().FreeBytes;
        // With glibc's defaults the freed top of the heap goes back to the kernel and the free total does not grow.
        Assert.True(after >= before + (nuint)size / 2, $"free heap bytes went from {before} to {after}");
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct MallInfo2
    {
        public readonly nuint Arena, OrdinaryBlocks, SmallBlocks, MappedBlocks, MappedBytes, MaxTotal, FastFreeBytes,
            UsedBytes, FreeBytes, KeepCost;
    }

    [DllImport("libc")]
    private static extern MallInfo2 mallinfo2();
}
