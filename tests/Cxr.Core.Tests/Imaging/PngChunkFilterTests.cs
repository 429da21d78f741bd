using Cxr.Core.Imaging;

namespace Cxr.Core.Tests.Imaging;

/// <summary>
/// <see cref="PngChunkFilter"/>: which chunks it drops, keeps and refuses, that an ordinary PNG is passed on without a
/// copy, and that damaged tails are kept byte for byte (so truncated and corrupt files fail as before).
/// </summary>
public sealed class PngChunkFilterTests
{
    [Fact]
    public void An_ordinary_png_is_not_copied()
    {
        var png = BigAncillaryImages.Plain("png");

        Assert.False(PngChunkFilter.TryFilter(png, out var filtered, out var length));
        Assert.Null(filtered);
        Assert.Equal(0, length);
    }

    [Theory]
    [InlineData("tEXt", 10, false)]
    [InlineData("zTXt", 10, true)]
    [InlineData("iTXt", 10, false)]
    [InlineData("prIv", PngChunkFilter.MaxAncillaryBytes + 1, false)]
    [InlineData("iCCP", PngChunkFilter.MaxAncillaryBytes + 1, true)]
    [InlineData("eXIf", PngChunkFilter.MaxAncillaryBytes + 1, false)]
    public void Text_chunks_of_any_size_and_other_ancillary_chunks_over_64_KiB_are_dropped(string type, int size, bool afterIdat)
    {
        var plain = BigAncillaryImages.Plain("png");
        var png = BigAncillaryImages.InsertIntoPng(BigAncillaryImages.PngChunk(type, new byte[size]), afterIdat);

        Assert.True(PngChunkFilter.TryFilter(png, out var filtered, out var length));
        Assert.Equal(plain, filtered.AsSpan(0, length).ToArray());
        System.Buffers.ArrayPool<byte>.Shared.Return(filtered!);
    }

    [Theory]
    [InlineData("prIv")]
    [InlineData("iCCP")]
    [InlineData("eXIf")]
    public void Ancillary_chunks_up_to_64_KiB_are_kept(string type)
    {
        var png = BigAncillaryImages.InsertIntoPng(BigAncillaryImages.PngChunk(type, new byte[PngChunkFilter.MaxAncillaryBytes]), afterIdat: false);

        Assert.False(PngChunkFilter.TryFilter(png, out _, out _));
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(10, true)]
    [InlineData(10_000_000, false)]
    public void A_complete_chunk_of_unknown_critical_type_is_corrupt_at_once(int size, bool afterIdat)
    {
        var png = BigAncillaryImages.InsertIntoPng(BigAncillaryImages.PngChunk("ZZZZ", new byte[size]), afterIdat);

        var error = Assert.Throws<CorruptImageException>(() => PngChunkFilter.TryFilter(png, out _, out _));
        Assert.Equal("UnknownCriticalChunk", error.DecoderResult);
        // The pipeline gives the same error libpng gave before (tested there: corrupt).
        Assert.Throws<CorruptImageException>(() => new ImagePipeline(new PreprocessSpec(224)).Process(png));
    }

    [Fact]
    public void A_truncated_tail_after_a_dropped_chunk_is_kept_byte_for_byte()
    {
        var png = BigAncillaryImages.InsertIntoPng(BigAncillaryImages.PngChunk("tEXt", "a\0b"u8), afterIdat: false);
        // Cut inside the IDAT: the chunk before it is dropped, the rest (a chunk whose length runs past the end) is kept.
        var cut = png[..(png.Length - 100)];

        Assert.True(PngChunkFilter.TryFilter(cut, out var filtered, out var length));
        var textChunk = 12 + 3;
        Assert.Equal([.. cut[..33], .. cut[(33 + textChunk)..]], filtered.AsSpan(0, length).ToArray());
        System.Buffers.ArrayPool<byte>.Shared.Return(filtered!);
        Assert.Throws<CorruptImageException>(() => new ImagePipeline(new PreprocessSpec(224)).Process(cut));
    }

    [Theory]
    [InlineData("tEXt")]
    [InlineData("prIv")]
    public void A_big_ancillary_chunk_that_runs_past_the_end_is_dropped_with_the_rest_of_the_file(string type)
    {
        // A 15 MB chunk cut to 10 MB: libpng would buffer the 10 MB (quadratic) before finding the file truncated.
        var png = BigAncillaryImages.InsertIntoPng(BigAncillaryImages.PngChunk(type, new byte[15_000_000]), afterIdat: false);
        var cut = png[..10_000_000];

        Assert.True(PngChunkFilter.TryFilter(cut, out var filtered, out var length));
        Assert.Equal(cut[..33], filtered.AsSpan(0, length).ToArray());
        System.Buffers.ArrayPool<byte>.Shared.Return(filtered!);
        var cpu = Cxr.Testing.ThreadCpuTime.Measure(() => Assert.Throws<CorruptImageException>(() => new ImagePipeline(new PreprocessSpec(224)).Process(cut)));
        Assert.True(cpu < TimeSpan.FromSeconds(1), $"{cpu.TotalMilliseconds:F0} ms of CPU");
    }

    [Fact]
    public void A_palette_over_64_KiB_is_corrupt_at_once()
    {
        var png = BigAncillaryImages.InsertIntoPng(BigAncillaryImages.PngChunk("PLTE", new byte[3 * 30_000]), afterIdat: false);

        var error = Assert.Throws<CorruptImageException>(() => PngChunkFilter.TryFilter(png, out _, out _));
        Assert.Equal("OversizedPalette", error.DecoderResult);
    }

    [Fact]
    public void Bytes_after_IEND_and_chunks_with_invalid_types_end_the_walk()
    {
        var plain = BigAncillaryImages.Plain("png");
        byte[] trailing = [.. plain, .. BigAncillaryImages.PngChunk("tEXt", new byte[100])];
        var invalid = BigAncillaryImages.InsertIntoPng([.. BigAncillaryImages.PngChunk("a1b2", new byte[4]), .. BigAncillaryImages.PngChunk("tEXt", new byte[100])], afterIdat: false);

        Assert.False(PngChunkFilter.TryFilter(trailing, out _, out _));
        Assert.False(PngChunkFilter.TryFilter(invalid, out _, out _));
    }
}
