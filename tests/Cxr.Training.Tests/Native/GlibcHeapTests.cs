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
}
