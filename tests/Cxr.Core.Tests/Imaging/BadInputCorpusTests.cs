using System.Buffers.Binary;
using Cxr.Core.Imaging;
using Cxr.Testing;
using Cxr.Testing.BadInputs;
using SkiaSharp;

namespace Cxr.Core.Tests.Imaging;

/// <summary>
/// The bad-input corpus: each generated item is what it claims to be, and the pipeline (default limits, 224 px) refuses
/// it with exactly the error in <see cref="BadInputExpectations"/> or decodes it (whether the input guard then accepts
/// it is checked by the CLI and web tests).
/// </summary>
public sealed class BadInputCorpusTests
{
    private static readonly ImagePipeline Pipeline = new(new PreprocessSpec());

    public static TheoryData<string> Ids => BadInputCorpus.Ids;

    public static TheoryData<string> ExifIds => [BadInputCorpus.ExifRotated90, BadInputCorpus.ExifRotated180, BadInputCorpus.ExifRotated270];

    [Fact]
    public void Every_item_has_one_expectation_in_the_same_order()
    {
        Assert.Equal(BadInputCorpus.All.Select(i => i.Id), BadInputExpectations.All.Select(e => e.Id));
        Assert.Equal(BadInputCorpus.All.Count, BadInputCorpus.All.Select(i => i.FileName).Distinct(StringComparer.Ordinal).Count());
        Assert.All(BadInputExpectations.All, e => Assert.Equal(e.Decodes, BadInputCorpus.Get(e.Id).Displayed is not null));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_pipeline_gives_each_item_its_expected_outcome(string id)
    {
        var item = BadInputCorpus.Get(id);
        var expected = BadInputExpectations.For(id);
        using var stream = item.Open();
        if (expected.Outcome == BadInputOutcome.Refused)
        {
            var e = Assert.ThrowsAny<ImageInputException>(() => Pipeline.Process(stream));
            Assert.Equal(expected.Code, e.Code);
            Assert.Equal(expected.Message, e.Message);
            return;
        }

        var result = Pipeline.Process(stream);
        Assert.Equal(item.Displayed!.Format, result.Format.ToString().ToLowerInvariant());
        Assert.Equal((item.Displayed.Width, item.Displayed.Height), (result.Original.Width, result.Original.Height));
        Assert.Equal(224 * 224, result.Resized.Pixels.Length);
    }

    [Fact]
    public void The_truncations_cut_where_they_say()
    {
        var jpeg = BadInputCorpus.Get(BadInputCorpus.JpegNamedPng).Bytes();
        Assert.Equal(new byte[] { 0xFF }, BadInputCorpus.Get(BadInputCorpus.JpegCutAt1).Bytes());
        var headers = BadInputCorpus.Get(BadInputCorpus.JpegCutAfterHeaders).Bytes();
        Assert.Equal(BadInputCorpus.ScanDataOffset(jpeg), headers.Length);
        Assert.Equal(jpeg[..headers.Length], headers);
        Assert.Equal(jpeg.Length / 2, BadInputCorpus.Get(BadInputCorpus.JpegCutAtHalf).Bytes().Length);
        Assert.Equal(jpeg[..^2], BadInputCorpus.Get(BadInputCorpus.JpegCutLast2).Bytes());
        Assert.Equal(new byte[] { 0xFF, 0xD9 }, jpeg[^2..]);

        Assert.Equal(new byte[] { 0x89 }, BadInputCorpus.Get(BadInputCorpus.PngCutAt1).Bytes());
        var ihdr = BadInputCorpus.Get(BadInputCorpus.PngCutAfterHeader).Bytes();
        Assert.Equal("IHDR"u8.ToArray(), ihdr[12..16]);
        Assert.Equal(33, ihdr.Length);
        var png = BadInputCorpus.Get(BadInputCorpus.PngCutLast2).Bytes();
        Assert.Equal("IEND"u8.ToArray(), png[^6..^2]); // only the IEND checksum is cut
    }

    [Fact]
    public void The_png_bomb_declares_100000_square_in_under_1_kb_and_is_refused_before_allocating()
    {
        var bomb = BadInputCorpus.Get(BadInputCorpus.PngBomb).Bytes();
        Assert.True(bomb.Length < 1_000, $"{bomb.Length} bytes");
        Assert.Equal(100_000, BinaryPrimitives.ReadInt32BigEndian(bomb.AsSpan(16)));
        Assert.Equal(100_000, BinaryPrimitives.ReadInt32BigEndian(bomb.AsSpan(20)));
        using (var codec = SKCodec.Create(new MemoryStream(bomb)))
        {
            Assert.Equal((100_000, 100_000), (codec.Info.Width, codec.Info.Height));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<ImageDimensionsTooLargeException>(() => Pipeline.Process(bomb));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "allocated pixel memory before refusing");
    }

    [Fact]
    public void The_16_bit_png_has_16_bit_samples_and_decodes_to_their_high_bytes()
    {
        var png = BadInputCorpus.Get(BadInputCorpus.Png16Bit).Bytes();
        Assert.Equal(16, png[24]); // IHDR bit depth
        Assert.Equal(0, png[25]);  // gray
        var expected = SyntheticRadiograph.Pixels(256, 256, seed: 3);
        var decoded = Pipeline.DecodeGray(png).Pixels;
        Assert.All(Enumerable.Range(0, expected.Length), i => Assert.InRange(decoded[i] - expected[i], 0, 1));
    }

    [Fact]
    public void The_cmyk_jpeg_has_four_components_an_adobe_marker_and_decodes_to_its_gray_blocks()
    {
        var jpeg = BadInputCorpus.Get(BadInputCorpus.CmykJpeg).Bytes();
        Assert.True(jpeg.AsSpan().IndexOf("Adobe"u8) > 0, "no APP14 Adobe segment");
        var sof = jpeg.AsSpan().IndexOf(new byte[] { 0xFF, 0xC0 });
        Assert.Equal(4, jpeg[sof + 9]); // number of components
        var values = BadInputCorpus.CmykBlockValues();
        var decoded = Pipeline.DecodeGray(jpeg);
        for (var b = 0; b < values.Length; b++)
        {
            Assert.InRange(decoded[((b % 28) * 8) + 4, ((b / 28) * 8) + 4] - values[b], -1, 1);
        }
    }

    [Fact]
    public void The_animated_gif_has_two_looping_frames_and_only_the_first_is_used()
    {
        var gif = BadInputCorpus.Get(BadInputCorpus.AnimatedGif).Bytes();
        Assert.True(gif.AsSpan().IndexOf("NETSCAPE2.0"u8) > 0);
        using (var codec = SKCodec.Create(new MemoryStream(gif)))
        {
            Assert.Equal(2, codec.FrameCount);
            Assert.Equal(-1, codec.RepetitionCount); // forever
        }

        Assert.Equal(BadInputCorpus.GifFrame(0), Pipeline.DecodeGray(gif).Pixels);
        Assert.NotEqual(BadInputCorpus.GifFrame(1), BadInputCorpus.GifFrame(0));
    }

    [Theory]
    [MemberData(nameof(ExifIds))]
    public void The_exif_rotated_jpegs_are_stored_turned_and_decode_upright(string id)
    {
        var jpeg = BadInputCorpus.Get(id).Bytes();
        var orientation = int.Parse(id[^1..], System.Globalization.CultureInfo.InvariantCulture);
        using (var codec = SKCodec.Create(new MemoryStream(jpeg)))
        {
            Assert.Equal((SKEncodedOrigin)orientation, codec.EncodedOrigin);
            var stored = orientation == 3 ? (192, 256) : (256, 192);
            Assert.Equal(stored, (codec.Info.Width, codec.Info.Height));
        }

        var upright = BadInputCorpus.UprightPixels();
        var decoded = Pipeline.DecodeGray(jpeg);
        Assert.Equal((192, 256), (decoded.Width, decoded.Height));
        Assert.True(MeanAbsoluteDifference(decoded.Pixels, upright) < 3, "not upright");
        // The picture is asymmetric enough that turning it the wrong way (or not at all, for 180°) is visible.
        var (upsideDown, _, _) = SyntheticRadiograph.Rotate(upright, 192, 256, 2);
        Assert.True(MeanAbsoluteDifference(decoded.Pixels, upsideDown) > 15, "the picture is too symmetric to tell");
    }

    [Fact]
    public void The_60_mb_item_is_streamed_never_held_whole()
    {
        var item = BadInputCorpus.Get(BadInputCorpus.SixtyMegabytes);
        Assert.Equal(60_000_000, item.Length);
        Assert.Throws<InvalidOperationException>(() => item.Bytes());
        using var stream = item.Open();
        Assert.Equal(ImageFormat.Jpeg, ImageFormatSniffer.Detect(ReadPrefix(stream, 16)));
        stream.Position = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        stream.CopyTo(Stream.Null, 1 << 16);
        Assert.Equal(60_000_000, stream.Position);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "the content was materialised");
    }

    [Fact]
    public void The_strip_and_the_one_pixel_image_have_their_sizes()
    {
        using (var strip = SKCodec.Create(new MemoryStream(BadInputCorpus.Get(BadInputCorpus.Strip).Bytes())))
        {
            Assert.Equal((8000, 300), (strip.Info.Width, strip.Info.Height));
        }

        using var pixel = SKCodec.Create(new MemoryStream(BadInputCorpus.Get(BadInputCorpus.OnePixel).Bytes()));
        Assert.Equal((1, 1), (pixel.Info.Width, pixel.Info.Height));
    }

    [Fact]
    public void Docs_reliability_corpus_holds_the_current_table()
    {
        var doc = File.ReadAllText(Path.Combine(TestData.RepoRoot, "docs", "reliability-corpus.md")).ReplaceLineEndings("\n");
        var table = BadInputExpectations.MarkdownTable();
        Assert.True(doc.Contains(table, StringComparison.Ordinal), "docs/reliability-corpus.md must hold this table:\n" + table);
    }

    private static double MeanAbsoluteDifference(byte[] a, byte[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b, (x, y) => Math.Abs(x - y)).Average();
    }

    private static byte[] ReadPrefix(Stream stream, int count)
    {
        var buffer = new byte[count];
        stream.ReadExactly(buffer);
        return buffer;
    }
}
