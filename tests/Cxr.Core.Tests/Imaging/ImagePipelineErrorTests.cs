using System.Text;
using Cxr.Core.Imaging;

namespace Cxr.Core.Tests.Imaging;

/// <summary>Bad input gets the exact exception type, code and message, and is refused before expensive work.</summary>
public class ImagePipelineErrorTests
{
    private const string Corrupt = "The image data is corrupt or truncated and could not be decoded.";
    private static readonly ImagePipeline Pipeline = new(new PreprocessSpec());

    [Fact]
    public void Zero_bytes_is_empty()
    {
        var e = Assert.Throws<EmptyImageException>(() => Pipeline.Process(ReadOnlySpan<byte>.Empty));
        Assert.Equal("The file is empty (0 bytes).", e.Message);
        Assert.Equal("empty", e.Code);
        Assert.Throws<EmptyImageException>(() => Pipeline.Process(new MemoryStream()));
    }

    [Theory]
    [InlineData("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "Unsupported image format: the data starts like a PDF document. Use JPEG, PNG, BMP, GIF, WebP or DICOM.")]
    [InlineData("<!doctype html><html><head><title>Upload</title></head></html>", "Unsupported image format: the data starts like an HTML page. Use JPEG, PNG, BMP, GIF, WebP or DICOM.")]
    [InlineData("NORMAL,PNEUMONIA\nperson1_virus_6.jpeg,1\n", "Unsupported image format: the data starts like plain text. Use JPEG, PNG, BMP, GIF, WebP or DICOM.")]
    public void Text_and_documents_are_unsupported_and_named(string content, string expected)
    {
        var e = Assert.Throws<UnsupportedImageFormatException>(() => Pipeline.Process(Encoding.UTF8.GetBytes(content)));
        Assert.Equal(expected, e.Message);
        Assert.Equal("unsupported_format", e.Code);
    }

    [Fact]
    public void Unknown_binary_is_unsupported_and_an_empty_dicom_has_no_image()
    {
        var e = Assert.Throws<UnsupportedImageFormatException>(() => Pipeline.Process([0x00, 0x13, 0x37, 0xC0, 0xDE]));
        Assert.Equal("Unsupported image format: the data does not start like any known image. Use JPEG, PNG, BMP, GIF, WebP or DICOM.", e.Message);
        Assert.Null(e.DetectedKind);

        var dicom = new byte[300];
        "DICM"u8.CopyTo(dicom.AsSpan(128));
        // A preamble and "DICM" followed by zeros: read as a DICOM data set without pixel data (Dicom/ has the rest).
        Assert.ThrowsAny<ImageInputException>(() => Pipeline.Process(dicom));
    }

    [Fact]
    public void Format_comes_from_the_bytes_not_the_file_name()
    {
        var dir = Directory.CreateTempSubdirectory("cxr-imaging-");
        try
        {
            var png = PngBuilder.Build(32, 32, 8, PngBuilder.Gray, new byte[32 * 32]);
            var misnamed = Path.Combine(dir.FullName, "scan.jpeg");
            File.WriteAllBytes(misnamed, png);
            Assert.Equal(ImageFormat.Png, Pipeline.ProcessFile(misnamed).Format);

            var pdf = Path.Combine(dir.FullName, "scan.png");
            File.WriteAllBytes(pdf, "%PDF-1.7\n"u8.ToArray());
            var e = Assert.Throws<UnsupportedImageFormatException>(() => Pipeline.ProcessFile(pdf));
            Assert.Equal("a PDF document", e.DetectedKind);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Truncated_real_jpeg_is_corrupt_at_every_cut()
    {
        var jpeg = SharedImages.FirstBytes();
        int[] cuts = [3, 20, 200, 600, jpeg.Length / 4, jpeg.Length / 2, (jpeg.Length * 3) / 4, jpeg.Length - 200];
        foreach (var cut in cuts)
        {
            var e = Assert.Throws<CorruptImageException>(() => Pipeline.Process(jpeg.AsSpan(0, cut)));
            Assert.Equal(Corrupt, e.Message);
            Assert.Equal("corrupt", e.Code);
            Assert.Equal(ImageFormat.Jpeg, e.Format);
        }

        // Even the end-of-image marker alone missing is refused: the decoder stops short of the last rows waiting for
        // more data, so it cannot be told apart from a truncated upload.
        Assert.Equal(0xD9, jpeg[^1]);
        var e2 = Assert.Throws<CorruptImageException>(() => Pipeline.Process(jpeg.AsSpan(0, jpeg.Length - 2)));
        Assert.Equal("IncompleteInput", e2.DecoderResult);
    }

    [Fact]
    public void Truncated_png_is_corrupt()
    {
        var pixels = Enumerable.Range(0, 64 * 64).Select(i => (byte)(i * 31)).ToArray();
        var png = PngBuilder.Build(64, 64, 8, PngBuilder.Gray, pixels);
        foreach (var cut in new[] { 10, 40, png.Length / 2, png.Length - 40 })
        {
            var e = Assert.Throws<CorruptImageException>(() => Pipeline.Process(png.AsSpan(0, cut)));
            Assert.Equal(Corrupt, e.Message);
        }

        // Losing only the trailer (zlib checksum, CRC, IEND) after every pixel row is complete still decodes: the decoder
        // has all the pixels and reports success, as browsers do.
        var intact = new ImagePipeline(new PreprocessSpec(Size: 64)).DecodeGray(png.AsSpan(0, png.Length - 20));
        Assert.Equal(pixels, intact.Pixels);
    }

    [Fact]
    public void Png_declaring_100000_square_is_refused_from_the_header_without_allocating()
    {
        // Valid signature, IHDR (correct CRC) for 100000 × 100000 8-bit gray, a tiny IDAT.
        var png = PngBuilder.BuildWithIdat(100_000, 100_000, 8, PngBuilder.Gray, PngBuilder.Deflate(new byte[100]));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ImageDimensionsTooLargeException>(() => Pipeline.Process(png));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("The image is 100000 × 100000 pixels (10,000 MP); the limit is 25 MP.", e.Message);
        Assert.Equal("too_many_pixels", e.Code);
        Assert.Equal((100_000, 100_000), (e.Width, e.Height));
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes before refusing");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(31, 400)]
    [InlineData(400, 31)]
    public void Images_with_a_side_under_32_pixels_are_too_small(int width, int height)
    {
        var png = PngBuilder.Build(width, height, 8, PngBuilder.Gray, new byte[width * height]);
        var e = Assert.Throws<ImageTooSmallException>(() => Pipeline.Process(png));
        Assert.Equal($"The image is {width} × {height} pixels; each side must be at least 32 pixels.", e.Message);
        Assert.Equal("too_small", e.Code);
        Assert.Equal((width, height, 32), (e.Width, e.Height, e.MinSide));
    }

    [Fact]
    public void The_minimum_side_is_checked_from_the_header_on_the_displayed_size()
    {
        Assert.Equal(32, ImageLimits.Default.MinSide);
        Assert.Equal(32, Pipeline.DecodeGray(PngBuilder.Build(32, 32, 8, PngBuilder.Gray, new byte[32 * 32])).Width);

        // Declared 20 × 5000 with almost no pixel data: refused from the header, not found corrupt while decoding.
        var header = PngBuilder.BuildWithIdat(20, 5000, 8, PngBuilder.Gray, PngBuilder.Deflate(new byte[21]));
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<ImageTooSmallException>(() => Pipeline.Process(header));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 50_000, "allocated pixel memory before refusing");

        // Stored 64 × 20, shown turned (EXIF 6): the message gives the displayed size.
        var jpeg = JpegBuilder.WithExifOrientation(SkiaEncoder.Gray(64, 20, new byte[64 * 20], SkiaSharp.SKEncodedImageFormat.Jpeg), 6);
        var e = Assert.Throws<ImageTooSmallException>(() => Pipeline.Process(jpeg));
        Assert.Equal("The image is 20 × 64 pixels; each side must be at least 32 pixels.", e.Message);

        var lenient = new ImagePipeline(new PreprocessSpec(), new ImageLimits(MinSide: 1));
        Assert.Equal(1, lenient.DecodeGray(PngBuilder.Build(1, 1, 8, PngBuilder.Gray, [7])).Width);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImagePipeline(new PreprocessSpec(), new ImageLimits(MinSide: 0)));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, ImageFormat.Jpeg)]
    [InlineData(new byte[] { 0xFF, 0xD8 }, ImageFormat.Jpeg)]
    [InlineData(new byte[] { 0x89 }, ImageFormat.Png)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, ImageFormat.Png)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A }, ImageFormat.Png)]
    public void A_file_cut_inside_its_signature_is_a_truncated_image_not_text(byte[] data, ImageFormat format)
    {
        var e = Assert.Throws<CorruptImageException>(() => Pipeline.Process(data));
        Assert.Equal(Corrupt, e.Message);
        Assert.Equal(format, e.Format);
        Assert.Equal("TruncatedSignature", e.DecoderResult);
    }

    [Fact]
    public void Pixel_limit_applies_to_real_images()
    {
        var pipeline = new ImagePipeline(new PreprocessSpec(), new ImageLimits(MaxPixels: 40_000));
        var e = Assert.Throws<ImageDimensionsTooLargeException>(() => pipeline.Process(SharedImages.FirstBytes()));
        Assert.Equal("The image is 224 × 224 pixels (0.05 MP); the limit is 0.04 MP.", e.Message);
        Assert.Equal(40_000, e.MaxPixels);

        // Exactly at the limit is accepted.
        Assert.Equal(224, new ImagePipeline(new PreprocessSpec(), new ImageLimits(MaxPixels: 224 * 224))
            .Process(SharedImages.FirstBytes()).Original.Width);
    }

    [Fact]
    public void Byte_limit_is_checked_before_decoding()
    {
        var jpeg = SharedImages.FirstBytes();
        var pipeline = new ImagePipeline(new PreprocessSpec(), new ImageLimits(MaxEncodedBytes: jpeg.Length - 1));
        var e = Assert.Throws<ImageTooLargeException>(() => pipeline.Process(jpeg));
        Assert.Equal(
            $"The file is {jpeg.Length:N0} bytes ({jpeg.Length / 1e3:0.##} kB); the limit is {(jpeg.Length - 1) / 1e3:0.##} kB.",
            e.Message);
        Assert.Equal("too_many_bytes", e.Code);
        Assert.Equal(jpeg.Length, e.ActualBytes);

        // Even garbage is refused for its size first (no sniffing, no decoding).
        var big = new ImagePipeline(new PreprocessSpec(), new ImageLimits(MaxEncodedBytes: 1_000_000));
        var g = Assert.Throws<ImageTooLargeException>(() => big.Process(new byte[25_500_000]));
        Assert.Equal("The file is 25,500,000 bytes (25.5 MB); the limit is 1 MB.", g.Message);

        var exact = new ImagePipeline(new PreprocessSpec(), new ImageLimits(MaxEncodedBytes: jpeg.Length));
        Assert.Equal(224, exact.Process(jpeg).Original.Width);
    }

    [Fact]
    public void Oversize_seekable_stream_is_refused_without_reading()
    {
        var pipeline = new ImagePipeline(new PreprocessSpec(), new ImageLimits(MaxEncodedBytes: 1000));
        var stream = new CountingStream(new MemoryStream(new byte[5000]));
        var e = Assert.Throws<ImageTooLargeException>(() => pipeline.Process(stream));
        Assert.Equal("The file is 5,000 bytes (5 kB); the limit is 1 kB.", e.Message);
        Assert.Equal(0, stream.BytesRead);
    }

    [Fact]
    public void Oversize_unseekable_stream_is_refused_after_limit_plus_one_bytes()
    {
        var pipeline = new ImagePipeline(new PreprocessSpec(), new ImageLimits(MaxEncodedBytes: 100_000));
        var endless = new CountingStream(new EndlessStream(SharedImages.FirstBytes()));
        var e = Assert.Throws<ImageTooLargeException>(() => pipeline.Process(endless));
        Assert.Equal("The file is larger than 100,000 bytes; the limit is 100 kB.", e.Message);
        Assert.Null(e.ActualBytes);
        Assert.Equal(100_001, endless.BytesRead);
    }

    [Fact]
    public void Streams_within_the_limit_decode_like_spans()
    {
        var jpeg = SharedImages.FirstBytes();
        var expected = Pipeline.Process(jpeg).Resized.Pixels;
        var viaSeekable = Pipeline.Process(new MemoryStream(jpeg)).Resized.Pixels;
        var viaChunks = Pipeline.Process(new CountingStream(new EndlessStream(jpeg, jpeg.Length), maxChunk: 777)).Resized.Pixels;
        Assert.Equal(expected, viaSeekable);
        Assert.Equal(expected, viaChunks);

        var exact = new ImagePipeline(new PreprocessSpec(), new ImageLimits(MaxEncodedBytes: jpeg.Length));
        Assert.Equal(expected, exact.Process(new CountingStream(new EndlessStream(jpeg, jpeg.Length))).Resized.Pixels);
    }

    [Fact]
    public void Missing_file_is_an_io_error_not_an_image_error()
    {
        Assert.Throws<FileNotFoundException>(() => Pipeline.ProcessFile(Path.Combine(Path.GetTempPath(), "cxr-no-such-file.jpeg")));
    }

    [Fact]
    public void Oversize_file_is_refused_before_reading()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[2_000_001]);
            var pipeline = new ImagePipeline(new PreprocessSpec(), new ImageLimits(MaxEncodedBytes: 2_000_000));
            var e = Assert.Throws<ImageTooLargeException>(() => pipeline.ProcessFile(path));
            Assert.Equal("The file is 2,000,001 bytes (2 MB); the limit is 2 MB.", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void All_errors_share_the_abstract_base_with_distinct_codes()
    {
        ImageInputException[] errors =
        [
            new EmptyImageException(),
            new UnsupportedImageFormatException(null),
            new CorruptImageException(ImageFormat.Png, "IncompleteInput"),
            new ImageTooLargeException(2, 1),
            new ImageDimensionsTooLargeException(2, 2, 1),
            new ImageTooSmallException(1, 1, 32),
        ];
        Assert.Equal(
            ["empty", "unsupported_format", "corrupt", "too_many_bytes", "too_many_pixels", "too_small"],
            errors.Select(e => e.Code).ToArray());
    }
}
