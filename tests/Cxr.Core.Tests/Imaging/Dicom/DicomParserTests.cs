using System.Buffers.Binary;
using System.IO.Compression;
using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Dicom;
using Cxr.Testing.Dicom;

namespace Cxr.Core.Tests.Imaging.Dicom;

/// <summary>The Part 10 reader on hand-built files: layouts it must read, and every malformation it must refuse with an
/// <see cref="ImageInputException"/> (never another exception, never an allocation sized by a declared length).</summary>
public sealed class DicomParserTests
{
    private const int Rows = 32;
    private const int Columns = 40;

    /// <summary>Row-major 8-bit test pixels: every value 0 … 255 occurs.</summary>
    internal static byte[] Pixels8 { get; } = [.. Enumerable.Range(0, Rows * Columns).Select(i => (byte)((i * 7) % 256))];

    /// <summary>A 32 × 40 8-bit MONOCHROME2 film with the identity window (center 128, width 256: y = x for 0 … 255).</summary>
    internal static DicomBuilder Film(string transferSyntax = DicomBuilder.ExplicitLittle, bool preamble = true, Action<DicomBuilder>? before = null)
    {
        var b = new DicomBuilder(transferSyntax, preamble)
            .Text(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.1.1")
            .Text(0x0008, 0x0060, "CS", "DX")
            .Text(0x0010, 0x0010, "PN", "Doe^Jane")
            .Text(0x0018, 0x5101, "CS", "PA");
        before?.Invoke(b);
        b.PixelModule(Rows, Columns)
            .Text(0x0028, 0x1050, "DS", "128")
            .Text(0x0028, 0x1051, "DS", "256");
        return b;
    }

    internal static byte[] FilmBytes(string transferSyntax = DicomBuilder.ExplicitLittle, bool preamble = true, Action<DicomBuilder>? before = null) =>
        Film(transferSyntax, preamble, before).PixelData(Pixels8).Build();

    private static GrayImage Decode(byte[] file, ImageLimits? limits = null) => DicomDecoder.DecodeGray(file, limits ?? ImageLimits.Default);

    [Fact]
    public void An_explicit_vr_file_decodes_through_the_pipeline_as_dicom()
    {
        var result = new ImagePipeline(new PreprocessSpec(64)).Process(FilmBytes());
        Assert.Equal(ImageFormat.Dicom, result.Format);
        Assert.Equal(Columns, result.Original.Width);
        Assert.Equal(Rows, result.Original.Height);
        Assert.Equal(Pixels8, result.Original.Pixels);
    }

    [Fact]
    public void No_preamble_and_implicit_vr_decode_the_same_pixels()
    {
        Assert.Equal(ImageFormat.Dicom, ImageFormatSniffer.Detect(FilmBytes(preamble: false)));
        Assert.Equal(Pixels8, Decode(FilmBytes(preamble: false)).Pixels);
        Assert.Equal(Pixels8, Decode(FilmBytes(DicomBuilder.ImplicitLittle)).Pixels);
    }

    [Fact]
    public void Header_fields_are_read_as_text()
    {
        var info = DicomDecoder.ReadInfo(FilmBytes());
        Assert.Equal(DicomTransferSyntax.ExplicitVrLittleEndianUid, info.TransferSyntax.Uid);
        Assert.Equal("DX", info.Header.Modality);
        Assert.Equal("PA", info.Header.ViewPosition);
        Assert.Equal("Doe^Jane", info.Header.PatientName);
        Assert.Equal("1.2.840.10008.5.1.4.1.1.1.1", info.Header.SopClassUid);
        Assert.Null(info.Header.BodyPartExamined);
        Assert.Equal((Rows, Columns, 8), (info.Pixels.Rows, info.Pixels.Columns, info.Pixels.BitsAllocated));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Undefined_length_sequences_private_tags_and_odd_lengths_are_skipped(bool explicitVr)
    {
        var ts = explicitVr ? DicomBuilder.ExplicitLittle : DicomBuilder.ImplicitLittle;
        var file = FilmBytes(ts, before: b =>
        {
            // A private creator with an odd length, a private undefined-length sequence with two items (one of defined
            // length), a standard one, and a nested undefined-length sequence inside an item.
            b.Add(0x0009, 0x0010, "LO", "ACME"u8[..3], pad: false);
            b.Raw(DicomBuilder.UndefinedSequence(explicitVr, 0x0009, 0x1001));
            b.Raw(DicomBuilder.UndefinedItemStart);
            b.Raw(DicomBuilder.Element(explicitVr, 0x0009, 0x1002, "OB", [1, 2, 3, 4]));
            b.Raw(DicomBuilder.NestedSequences(explicitVr, 3));
            b.Raw(DicomBuilder.ItemEnd);
            b.Raw(DicomBuilder.Item(DicomBuilder.Element(explicitVr, 0x0009, 0x1003, "LO", "defined"u8)));
            b.Raw(DicomBuilder.SequenceEnd);
            b.Raw(DicomBuilder.NestedSequences(explicitVr, 2));
        });
        Assert.Equal(Pixels8, Decode(file).Pixels);
    }

    [Theory]
    [InlineData(DicomParser.MaxSequenceDepth, true)]
    [InlineData(DicomParser.MaxSequenceDepth + 1, false)]
    [InlineData(100, false)]
    public void Nesting_up_to_the_limit_is_read_and_deeper_is_refused(int depth, bool readable)
    {
        var file = FilmBytes(before: b => b.Raw(DicomBuilder.NestedSequences(true, depth)));
        if (readable)
        {
            Assert.Equal(Pixels8, Decode(file).Pixels);
        }
        else
        {
            var e = Assert.Throws<CorruptImageException>(() => Decode(file));
            Assert.Equal(ImageFormat.Dicom, e.Format);
            Assert.Contains("nested deeper than 32", e.DecoderResult, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Truncation_at_every_offset_is_an_image_input_error_and_nothing_else()
    {
        var pipeline = new ImagePipeline(new PreprocessSpec(32));
        var files = new[]
        {
            FilmBytes(before: b => b.Raw(DicomBuilder.NestedSequences(true, 2))),
            FilmBytes(DicomBuilder.ImplicitLittle, preamble: false),
            Film(DicomBuilder.Rle).EncapsulatedPixelData([RleFrame(Pixels8)]).Build(),
        };
        foreach (var file in files)
        {
            for (var length = 1; length < file.Length; length++)
            {
                var cut = file[..length];
                var e = Record.Exception(() => pipeline.Process(cut));
                Assert.True(e is ImageInputException, $"length {length} of {file.Length}: {e?.GetType().Name ?? "no exception"} {e?.Message}");
            }
        }
    }

    [Theory]
    [InlineData(0xFFFFFFF0u)]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0x80000000u)]
    public void A_lying_length_is_corrupt_and_allocates_nothing_like_it(uint length)
    {
        var file = FilmBytes(before: b => b.Raw([.. DicomBuilder.UndefinedSequence(true, 0x0009, 0x1001)[..8], .. BitConverter.GetBytes(length), 1, 2, 3]));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<CorruptImageException>(() => Decode(file));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "allocated more than 1 MB");
        Assert.Contains("Truncated", e.DecoderResult, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DicomBuilder.ExplicitBig, "Explicit VR Big Endian")]
    [InlineData("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)")]
    [InlineData("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)")]
    [InlineData("1.2.3.4.5.6.7", "an unknown transfer syntax")]
    public void Transfer_syntaxes_not_read_are_unsupported_naming_the_uid(string uid, string name)
    {
        var e = Assert.Throws<UnsupportedTransferSyntaxException>(() => new ImagePipeline(new PreprocessSpec(32)).Process(FilmBytes(uid)));
        Assert.IsAssignableFrom<UnsupportedImageFormatException>(e);
        Assert.Equal(UnsupportedImageFormatException.ErrorCode, e.Code);
        Assert.Equal(uid, e.TransferSyntaxUid);
        Assert.Contains($"{uid} ({name}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Multi_frame_is_refused_with_its_reason()
    {
        var file = Film(before: b => b.Text(0x0028, 0x0008, "IS", "2")).PixelData([.. Pixels8, .. Pixels8]).Build();
        var e = Assert.Throws<UnsupportedDicomImageException>(() => Decode(file));
        Assert.Equal("unsupported_dicom_image", e.Code);
        Assert.Equal("The DICOM image is not supported: it has 2 frames (multi-frame object); only single-frame images are read.", e.Message);
    }

    [Fact]
    public void Palette_colour_and_missing_pixel_data_are_refused()
    {
        var palette = new DicomBuilder().PixelModule(Rows, Columns, photometric: "PALETTE COLOR").PixelData(Pixels8).Build();
        Assert.Contains("PALETTE COLOR", Assert.Throws<UnsupportedDicomImageException>(() => Decode(palette)).Message, StringComparison.Ordinal);
        var none = new DicomBuilder().PixelModule(Rows, Columns).Build();
        Assert.Contains("no pixel data", Assert.Throws<UnsupportedDicomImageException>(() => Decode(none)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pixel_limits_apply_from_the_header_before_any_pixel_memory()
    {
        var huge = new DicomBuilder().PixelModule(60000, 60000, 16).PixelData(new byte[16]).Build();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<ImageDimensionsTooLargeException>(() => Decode(huge));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
        var small = new DicomBuilder().PixelModule(16, 16).PixelData(new byte[256]).Build();
        Assert.Throws<ImageTooSmallException>(() => Decode(small));
        var shortData = new DicomBuilder().PixelModule(Rows, Columns).PixelData(Pixels8.AsSpan(0, 100)).Build();
        Assert.Contains("Pixel data has 100 bytes", Assert.Throws<CorruptImageException>(() => Decode(shortData)).DecoderResult, StringComparison.Ordinal);
    }

    [Fact]
    public void Rle_with_and_without_offset_table_and_over_several_fragments()
    {
        var frame = RleFrame(Pixels8);
        var one = Film(DicomBuilder.Rle).EncapsulatedPixelData([frame]).Build();
        var split = Film(DicomBuilder.Rle).EncapsulatedPixelData([frame[..100], frame[100..]], offsetTable: [0, 0, 0, 0]).Build();
        Assert.Equal(Pixels8, Decode(one).Pixels);
        Assert.Equal(Pixels8, Decode(split).Pixels);
        var cut = Film(DicomBuilder.Rle).EncapsulatedPixelData([frame[..^40]]).Build();
        Assert.Contains("RLE", Assert.Throws<CorruptImageException>(() => Decode(cut)).DecoderResult, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deflated_data_set_decodes_and_a_deflate_bomb_stops_at_the_byte_limit()
    {
        var plain = FilmBytes();
        Assert.Equal(Pixels8, Decode(Deflated(plain)).Pixels);

        // 8 MB of zeros in a private OB element deflates to about 8 kB: refused once the inflated size passes the limit.
        var bomb = new DicomBuilder().Add(0x0009, 0x1001, "OB", new byte[8_000_000]).Build();
        var deflatedBomb = Deflated(bomb);
        Assert.True(deflatedBomb.Length < 100_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<ImageTooLargeException>(() => Decode(deflatedBomb, new ImageLimits(MaxEncodedBytes: 1_000_000)));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 8_000_000);
    }

    /// <summary>The explicit-VR file re-encoded as Deflated Explicit VR Little Endian: the same meta header naming
    /// 1.2.840.10008.1.2.1.99, then the data set as one raw deflate stream.</summary>
    internal static byte[] Deflated(byte[] explicitFile)
    {
        var header = new DicomBuilder(DicomTransferSyntax.DeflatedExplicitVrLittleEndianUid).Build();
        var bodyStart = new DicomBuilder().Build().Length;
        var ms = new MemoryStream();
        ms.Write(header);
        using (var deflate = new DeflateStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(explicitFile.AsSpan(bodyStart));
        }

        return ms.ToArray();
    }

    /// <summary>One RLE frame (PS3.5 G) of 8-bit samples: one segment of literal runs of up to 128 bytes.</summary>
    internal static byte[] RleFrame(byte[] samples)
    {
        var segment = new MemoryStream();
        for (var i = 0; i < samples.Length; i += 128)
        {
            var run = Math.Min(128, samples.Length - i);
            segment.WriteByte((byte)(run - 1));
            segment.Write(samples, i, run);
        }

        var header = new byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), 64);
        return [.. header, .. segment.ToArray()];
    }
}
