using System.Buffers.Binary;
using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Dicom;
using Cxr.Testing.Dicom;

namespace Cxr.Core.Tests.Imaging.Dicom;

/// <summary>The PS3.14 chain on hand-built films: bit masking and sign extension, rescale, the three VOI functions,
/// the VOI LUT, the percentile fallback, and the one inversion.</summary>
public sealed class DicomGrayscaleTests
{
    private const int Rows = 32;
    private const int Columns = 64;

    private static GrayImage Decode(byte[] file) => DicomDecoder.DecodeGray(file, ImageLimits.Default);

    /// <summary>16-bit words holding a 12-bit stored value (bits 0-11) under 4 bits of noise (bits 12-15) that must be
    /// masked away; <paramref name="value"/> gives pixel i's stored value (−2048 … 2047 when signed).</summary>
    private static byte[] Words12(Func<int, int> value)
    {
        var bytes = new byte[Rows * Columns * 2];
        for (var i = 0; i < Rows * Columns; i++)
        {
            var word = (value(i) & 0x0FFF) | ((i * 5 % 16) << 12);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), (ushort)word);
        }

        return bytes;
    }

    private static int Linear(double x, double c, double w)
    {
        // PS3.3 C.11.2.1.2.1, written out independently of the implementation.
        double y = x <= c - 0.5 - ((w - 1) / 2) ? 0 : x > c - 0.5 + ((w - 1) / 2) ? 255 : ((((x - (c - 0.5)) / (w - 1)) + 0.5) * 255);
        return (int)Math.Round(y, MidpointRounding.AwayFromZero);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Twelve_of_sixteen_bits_are_masked_sign_extended_rescaled_and_windowed(bool isSigned)
    {
        int Stored(int i) => (isSigned ? -2048 : 0) + (i * 37 % 4096);
        var file = new DicomBuilder().PixelModule(Rows, Columns, 16, 12, isSigned)
            .Text(0x0028, 0x1052, "DS", "-100")
            .Text(0x0028, 0x1053, "DS", "2")
            .Text(0x0028, 0x1050, "DS", isSigned ? "-100" : "4000")
            .Text(0x0028, 0x1051, "DS", "6000")
            .PixelData(Words12(Stored), "OW").Build();
        var gray = Decode(file);
        for (var i = 0; i < Rows * Columns; i++)
        {
            Assert.Equal(Linear((Stored(i) * 2.0) - 100, isSigned ? -100 : 4000, 6000), gray.Pixels[i]);
        }
    }

    [Theory]
    [InlineData("MONOCHROME2", null, false)]
    [InlineData("MONOCHROME1", null, true)]
    [InlineData("MONOCHROME1", "INVERSE", true)]
    [InlineData("MONOCHROME2", "INVERSE", true)]
    [InlineData("MONOCHROME2", "IDENTITY", false)]
    public void Monochrome1_and_presentation_lut_inverse_invert_exactly_once(string photometric, string? shape, bool inverted)
    {
        var b = new DicomBuilder().PixelModule(DicomParserTestsShape.Rows, DicomParserTestsShape.Columns, photometric: photometric)
            .Text(0x0028, 0x1050, "DS", "128").Text(0x0028, 0x1051, "DS", "256");
        if (shape is not null)
        {
            b.Text(0x2050, 0x0020, "CS", shape);
        }

        var gray = Decode(b.PixelData(DicomParserTests.Pixels8).Build());
        Assert.Equal(DicomParserTests.Pixels8.Select(p => inverted ? (byte)(255 - p) : p), gray.Pixels);
    }

    [Theory]
    [InlineData("LINEAR_EXACT")]
    [InlineData("SIGMOID")]
    public void The_other_voi_functions_follow_their_formulas(string function)
    {
        var file = new DicomBuilder().PixelModule(DicomParserTestsShape.Rows, DicomParserTestsShape.Columns)
            .Text(0x0028, 0x1050, "DS", "100\\50").Text(0x0028, 0x1051, "DS", "80\\10").Text(0x0028, 0x1056, "CS", function)
            .PixelData(DicomParserTests.Pixels8).Build();
        var gray = Decode(file);
        for (var i = 0; i < gray.Pixels.Length; i++)
        {
            double x = DicomParserTests.Pixels8[i];
            var y = function == "SIGMOID"
                ? 255 / (1 + Math.Exp(-4 * (x - 100) / 80))
                : x <= 60 ? 0 : x > 140 ? 255 : (((x - 100) / 80) + 0.5) * 255;
            Assert.Equal((int)Math.Round(y, MidpointRounding.AwayFromZero), gray.Pixels[i]);
        }
    }

    [Fact]
    public void The_voi_lut_sequence_maps_when_there_is_no_window()
    {
        // Descriptor: 256 entries, first mapped 0, 16 bits; the table is the reversed identity scaled to 16 bits.
        var data = new byte[512];
        for (var k = 0; k < 256; k++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(2 * k), (ushort)((255 - k) * 257));
        }

        var item = DicomBuilder.Item([
            .. DicomBuilder.Element(true, 0x0028, 0x3002, "US", [0, 1, 0, 0, 16, 0]),
            .. DicomBuilder.Element(true, 0x0028, 0x3006, "OW", data)]);
        var file = new DicomBuilder().PixelModule(DicomParserTestsShape.Rows, DicomParserTestsShape.Columns)
            .Raw([.. DicomBuilder.UndefinedSequence(true, 0x0028, 0x3010), .. item, .. DicomBuilder.SequenceEnd])
            .PixelData(DicomParserTests.Pixels8).Build();
        Assert.Equal(DicomParserTests.Pixels8.Select(p => (byte)(255 - p)), Decode(file).Pixels);
    }

    [Fact]
    public void Without_window_or_lut_a_percentile_window_ignores_the_padding()
    {
        // A quarter of the film is padding at 0 (declared), the rest ramps over 1000 … 1999: the window must span the
        // ramp (0.5 % … 99.5 % of it), not 0 … 1999.
        int Stored(int i) => i < Rows * Columns / 4 ? 0 : 1000 + (i % 1000);
        var file = new DicomBuilder().PixelModule(Rows, Columns, 16, 12)
            .Us(0x0028, 0x0120, 0)
            .PixelData(Words12(Stored), "OW").Build();
        var gray = Decode(file);
        var ramp = Enumerable.Range(Rows * Columns / 4, Rows * Columns * 3 / 4).ToArray();
        Assert.All(Enumerable.Range(0, Rows * Columns / 4), i => Assert.Equal(0, gray.Pixels[i]));
        Assert.Equal(255, ramp.Max(i => gray.Pixels[i]));
        Assert.Equal(0, ramp.Min(i => gray.Pixels[i]));
        // The middle of the ramp lands in the middle of the range (it would be near 191 with a 0 … 1999 window).
        var middle = ramp.Where(i => Stored(i) == 1500).Select(i => gray.Pixels[i]).Distinct().Single();
        Assert.InRange(middle, 120, 136);
    }

    [Fact]
    public void The_table_does_not_depend_on_the_machine()
    {
        // Same inputs, same table: a handful of fixed outputs of the LINEAR window on signed 12-bit data.
        var pixels = new DicomPixelModule { BitsAllocated = 16, BitsStored = 12, HighBit = 11, PixelRepresentation = 1, WindowCenter = 0, WindowWidth = 1000 };
        var table = DicomGrayscale.Table(pixels, null);
        Assert.Equal([0, 128, 255, 0, 64], new[] { table[0x800], table[0], table[0x7FF], table[0xC00], table[0xF06] }.Select(v => (int)v));
    }
}

/// <summary>The hand-built film's shape, shared with <see cref="DicomParserTests"/>.</summary>
internal static class DicomParserTestsShape
{
    public const int Rows = 32;
    public const int Columns = 40;
}
