using System.Buffers.Binary;
using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Dicom;
using Cxr.Testing.Dicom;

namespace Cxr.Core.Tests.Imaging.Dicom;

/// <summary>
/// The lossless decoder on streams no installed encoder writes (<see cref="JpegLosslessWriter"/>): restart intervals,
/// 2-bit precision, 16-bit category-16 differences, point transforms, with every predictor; and the malformed restart
/// sequences it must call corrupt. (DCMTK-written streams of every predictor are in <see cref="DicomCodecParityTests"/>.)
/// </summary>
public sealed class JpegLosslessDecoderTests
{
    private const int Width = 37;
    private const int Height = 29;

    public static TheoryData<int, int, int, int> Options()
    {
        var data = new TheoryData<int, int, int, int>();
        for (var predictor = 1; predictor <= 7; predictor++)
        {
            foreach (var (precision, pt, restartLines) in new[] { (2, 0, 0), (8, 0, 4), (12, 1, 1), (16, 0, 0), (16, 0, 5), (16, 2, 3) })
            {
                data.Add(predictor, precision, pt, restartLines);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Every_predictor_precision_point_transform_and_restart_interval_decodes_exactly(int predictor, int precision, int pt, int restartLines)
    {
        var source = Samples(precision);
        var jpeg = JpegLosslessWriter.Encode(source, Width, Height, precision, predictor, pt, restartLines);
        var decoded = Decode(jpeg, precision);
        var mask = (ushort)~((1 << pt) - 1);
        Assert.Equal(source.Select(s => (ushort)(s & mask)), decoded);
    }

    [Fact]
    public void A_restart_marker_out_of_sequence_or_missing_is_corrupt()
    {
        var jpeg = JpegLosslessWriter.Encode(Samples(8), Width, Height, 8, 6, restartLines: 2);
        var at = LastMarker(jpeg, 0xD0);
        var wrong = jpeg.ToArray();
        wrong[at + 1] = 0xD1;
        Assert.Contains("expected restart marker FF D0, found FF D1", Assert.Throws<CorruptImageException>(() => Decode(wrong, 8)).DecoderResult, StringComparison.Ordinal);
        var missing = jpeg[..at].Concat(jpeg[(at + 2)..]).ToArray();
        Assert.Throws<CorruptImageException>(() => Decode(missing, 8));
    }

    [Fact]
    public void A_stream_that_ends_early_is_corrupt()
    {
        var jpeg = JpegLosslessWriter.Encode(Samples(16), Width, Height, 16, 7);
        foreach (var cut in new[] { jpeg.Length - 40, jpeg.Length / 2, 40 })
        {
            Assert.Throws<CorruptImageException>(() => Decode(jpeg[..cut], 16));
        }
    }

    [Fact]
    public void A_restart_interval_of_part_of_a_line_is_refused_naming_it()
    {
        var jpeg = JpegLosslessWriter.Encode(Samples(8), Width, Height, 8, 1, restartInterval: Width + 1);
        var e = Assert.Throws<UnsupportedTransferSyntaxException>(() => Decode(jpeg, 8));
        Assert.Contains($"restart interval of {Width + 1} samples", e.Reason, StringComparison.Ordinal);
    }

    /// <summary>Samples in 0 … 2^P − 1 with smooth stretches, noise and full-range jumps (0 next to 2^(P−1) and the
    /// maximum), so that 16-bit data has differences of category 16 (±32768).</summary>
    private static ushort[] Samples(int precision)
    {
        var max = (1 << precision) - 1;
        var random = new Random(precision);
        var samples = new ushort[Width * Height];
        for (var i = 0; i < samples.Length; i++)
        {
            var (x, y) = (i % Width, i / Width);
            samples[i] = (ushort)(((x + y) % 11) switch
            {
                0 => 0,
                1 => 1 << (precision - 1),
                2 => max,
                < 7 => random.Next(max + 1),
                _ => (x * y * 97) & max,
            });
        }

        return samples;
    }

    private static ushort[] Decode(byte[] jpeg, int precision)
    {
        var bitsAllocated = precision <= 8 ? 8 : 16;
        var pixels = new DicomPixelModule
        {
            Rows = Height,
            Columns = Width,
            SamplesPerPixel = 1,
            PhotometricInterpretation = "MONOCHROME2",
            BitsAllocated = bitsAllocated,
            BitsStored = precision,
            HighBit = precision - 1,
        };
        var destination = new byte[Width * Height * (bitsAllocated / 8)];
        DicomPixelCodecs.For("1.2.840.10008.1.2.4.57")!.Decode(jpeg, pixels, destination, CancellationToken.None);
        return bitsAllocated == 8
            ? [.. destination.Select(b => (ushort)b)]
            : [.. Enumerable.Range(0, Width * Height).Select(i => BinaryPrimitives.ReadUInt16LittleEndian(destination.AsSpan(2 * i)))];
    }

    /// <summary>Where the last FF <paramref name="marker"/> is (in entropy-coded data a data byte FF is always
    /// followed by 00, so FF D0 … D7 there is a restart marker).</summary>
    private static int LastMarker(byte[] jpeg, byte marker)
    {
        for (var i = jpeg.Length - 2; i > 0; i--)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] == marker)
            {
                return i;
            }
        }

        throw new InvalidOperationException("no restart marker");
    }
}
