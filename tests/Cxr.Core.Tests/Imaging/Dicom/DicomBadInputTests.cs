using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Dicom;
using Cxr.Testing;
using Cxr.Testing.BadInputs;
using Cxr.Testing.Dicom;
using Xunit.Abstractions;

namespace Cxr.Core.Tests.Imaging.Dicom;

/// <summary>Malformed DICOM through the pipeline: every truncation of a film, lying and 4 GB lengths, sequences nested 100
/// deep. Each is a typed <see cref="ImageInputException"/> and costs well under a second of CPU (measured on the calling
/// thread, as the other bounded-work tests measure).</summary>
public sealed class DicomBadInputTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CpuBound = TimeSpan.FromSeconds(1);

    private static readonly ImagePipeline Pipeline = new(new PreprocessSpec(224));

    [Fact]
    public void Every_cut_through_the_header_and_a_stride_through_the_pixels_is_corrupt_and_cheap()
    {
        var film = DicomBadInputs.Lateral();
        var headerEnd = film.Length - (DicomBadInputs.Side * DicomBadInputs.Side);
        Pipeline.Process(film); // first use of the decoder
        // Every offset past DICM up to the pixel data, then every 997 bytes of pixels (a prime: no alignment luck).
        var offsets = Enumerable.Range(132, headerEnd - 132).Concat(Enumerable.Range(0, (film.Length - headerEnd) / 997).Select(k => headerEnd + (k * 997)));
        var worst = TimeSpan.Zero;
        var cases = 0;
        var corrupt = 0;
        foreach (var offset in offsets)
        {
            ImageInputException? error = null;
            var cpu = ThreadCpuTime.Measure(() => error = Assert.ThrowsAny<ImageInputException>(() => Pipeline.Process(film.AsSpan(0, offset))));
            // A cut between two elements leaves a well-formed data set without pixel data: "no pixel data" (422) then.
            Assert.True(error is CorruptImageException or UnsupportedDicomImageException, $"cut at {offset}: {error?.GetType().Name} {error?.Message}");
            corrupt += error is CorruptImageException ? 1 : 0;
            Assert.True(cpu < CpuBound, $"cut at {offset} took {cpu.TotalMilliseconds:F0} ms of CPU");
            worst = cpu > worst ? cpu : worst;
            cases++;
        }

        output.WriteLine($"{cases} cuts ({corrupt} corrupt, the others at element boundaries), the slowest {worst.TotalMilliseconds:F1} ms of CPU");
        Assert.True(cases > 200);
        Assert.True(corrupt > cases * 9 / 10, $"{corrupt} of {cases} cuts are corrupt");
    }

    [Theory]
    [InlineData(0x0000_0100u)]
    [InlineData(0x0010_0000u)]
    [InlineData(0x7FFF_FFFFu)]
    [InlineData(DicomBadInputs.FourGigabytes)]
    [InlineData(0xFFFF_FFFEu)]
    public void A_declared_length_past_the_end_is_corrupt_never_allocated(uint length)
    {
        foreach (var vr in new[] { "OB", "UT", "UN", "OW" })
        {
            var file = DicomBadInputs.Film(beforePixels: DicomBadInputs.LongElement(0x0009, 0x1020, vr, length));
            var before = GC.GetAllocatedBytesForCurrentThread();
            var cpu = ThreadCpuTime.Measure(() => Assert.Throws<CorruptImageException>(() => Pipeline.Process(file)));
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(cpu < CpuBound, $"{vr} {length:X8}: {cpu.TotalMilliseconds:F0} ms of CPU");
            Assert.True(allocated < 1_000_000, $"{vr} {length:X8}: {allocated:N0} bytes allocated");
        }
    }

    [Fact]
    public void A_short_element_whose_length_lies_long_is_corrupt()
    {
        // Rows (US) declaring 40,000 bytes in its 16-bit length: the rest of the data set is read as its value.
        var lie = DicomBuilder.Element(true, 0x0009, 0x1030, "LO", "x"u8);
        lie[6] = 0x40;
        lie[7] = 0x9C;
        Assert.Throws<CorruptImageException>(() => Pipeline.Process(DicomBadInputs.Film(beforePixels: lie)));
    }

    [Theory]
    [InlineData(33)]
    [InlineData(100)]
    [InlineData(10_000)]
    public void Sequences_nested_too_deep_are_corrupt_and_cheap(int depth)
    {
        var file = DicomBadInputs.Film(beforePixels: DicomBuilder.NestedSequences(explicitVr: true, depth));
        var cpu = ThreadCpuTime.Measure(() => Assert.Throws<CorruptImageException>(() => Pipeline.Process(file)));
        Assert.True(cpu < CpuBound, $"{depth} deep: {cpu.TotalMilliseconds:F0} ms of CPU");
    }

    [Fact]
    public void Sequences_nested_32_deep_are_read()
    {
        var file = DicomBadInputs.Film(beforePixels: DicomBuilder.NestedSequences(explicitVr: true, 32));
        Assert.Equal(DicomBadInputs.Side, Pipeline.Process(file).Original.Width);
    }
}
