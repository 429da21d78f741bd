using System.Text;
using Cxr.Core.Imaging;

namespace Cxr.Core.Tests.Imaging;

public class ImageFormatSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, ImageFormat.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, ImageFormat.Png)]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, ImageFormat.Gif)]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x37, 0x61 }, ImageFormat.Gif)]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, ImageFormat.Webp)]
    public void Detects_supported_signatures(byte[] header, ImageFormat expected)
    {
        Assert.Equal(expected, ImageFormatSniffer.Detect(header));
    }

    [Fact]
    public void Detects_bmp_only_with_a_known_dib_header()
    {
        var bmp = BmpBuilder.Build24(1, 1, [1, 2, 3]);
        Assert.Equal(ImageFormat.Bmp, ImageFormatSniffer.Detect(bmp));
        Assert.Null(ImageFormatSniffer.Detect("BMW 320i, blue, 2019 model, low mileage"u8));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0xFF, 0xD8 })]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 })]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45 })]
    public void Does_not_detect_incomplete_or_foreign_signatures(byte[] header)
    {
        Assert.Null(ImageFormatSniffer.Detect(header));
    }

    [Fact]
    public void Recognises_jpeg_and_png_signatures_cut_short_but_no_text()
    {
        Assert.Equal(ImageFormat.Jpeg, ImageFormatSniffer.TruncatedSignature([0xFF]));
        Assert.Equal(ImageFormat.Jpeg, ImageFormatSniffer.TruncatedSignature([0xFF, 0xD8]));
        Assert.Equal(ImageFormat.Png, ImageFormatSniffer.TruncatedSignature([0x89, 0x50, 0x4E]));
        Assert.Null(ImageFormatSniffer.TruncatedSignature([]));
        Assert.Null(ImageFormatSniffer.TruncatedSignature([0xFF, 0xD8, 0xFF])); // complete: Detect's job
        Assert.Null(ImageFormatSniffer.TruncatedSignature([0xFF, 0xD9]));
        Assert.Null(ImageFormatSniffer.TruncatedSignature("GIF"u8));
        Assert.Null(ImageFormatSniffer.TruncatedSignature("P"u8));
    }

    [Theory]
    [InlineData("%PDF-1.7\n%âãÏÓ\n1 0 obj", "a PDF document")]
    [InlineData("<!DOCTYPE html>\n<html><body>hi</body></html>", "an HTML page")]
    [InlineData("  \r\n<html lang=\"en\">", "an HTML page")]
    [InlineData("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>", "an SVG drawing")]
    [InlineData("<?xml version=\"1.0\"?><root/>", "an XML document")]
    [InlineData("{\"image\": \"x\"}", "JSON text")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=", "a data URL (decode the base64 first)")]
    [InlineData("patient 123, pneumonia suspected\n", "plain text")]
    public void Describes_common_text_non_images(string text, string expected)
    {
        Assert.Equal(expected, ImageFormatSniffer.Describe(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Describes_common_binary_non_images()
    {
        Assert.Equal("a TIFF image", ImageFormatSniffer.Describe([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0]));
        Assert.Equal("a TIFF image", ImageFormatSniffer.Describe([0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8]));
        Assert.Equal("a ZIP archive (or an Office document)", ImageFormatSniffer.Describe([0x50, 0x4B, 0x03, 0x04, 20, 0]));
        Assert.Equal("a gzip archive", ImageFormatSniffer.Describe([0x1F, 0x8B, 0x08, 0x00]));
        Assert.Equal("a HEIC image", ImageFormatSniffer.Describe([0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0]));
        Assert.Equal("an AVIF image", ImageFormatSniffer.Describe([0, 0, 0, 0x1C, .. "ftypavif"u8, 0, 0, 0, 0]));

        var dicom = new byte[200];
        "DICM"u8.CopyTo(dicom.AsSpan(128));
        Assert.Equal(ImageFormat.Dicom, ImageFormatSniffer.Detect(dicom));

        Assert.Null(ImageFormatSniffer.Describe([0x00, 0x01, 0x02, 0x03, 0xFE]));
    }
}
