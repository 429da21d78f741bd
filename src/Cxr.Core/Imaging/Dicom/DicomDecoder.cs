using System.Buffers;
using System.IO.Compression;

namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// Turns a DICOM Part 10 file into the 8-bit <see cref="GrayImage"/> every format becomes (<see cref="ImagePipeline"/>
/// calls it for <see cref="ImageFormat.Dicom"/>): meta information → transfer syntax check → data set (inflated first
/// for Deflated Explicit VR Little Endian) → pixel module checks and the <see cref="ImageLimits"/> → pixel data (native,
/// or through the <see cref="IDicomPixelCodec"/> for its transfer syntax) → <see cref="DicomGrayscale"/> for MONOCHROME1
/// and MONOCHROME2, BT.601 luminance for 8-bit RGB (and for YBR_FULL_422 / YBR_FULL JPEG, which its codec decodes to RGB).
/// </summary>
/// <remarks>
/// <para>Read: Implicit VR Little Endian, Explicit VR Little Endian, Deflated Explicit VR Little Endian, RLE Lossless,
/// JPEG Baseline, Extended (gray, and 8-bit colour: YBR_FULL_422, YBR_FULL, RGB) and Lossless (every predictor, one
/// component) (<see cref="DicomJpegCodec"/>), JPEG-LS (<see cref="DicomJpegLsCodec"/>) and JPEG 2000 Part 1 (<see cref="DicomJpeg2000Codec"/>);
/// one frame, its fragments joined, with or without a basic offset table; 8 or 16 bits allocated, any bits stored and
/// high bit, signed or unsigned.</para>
/// <para>Refused: Explicit VR Big Endian, JPEG 2000 Part 2, High-Throughput JPEG 2000, JPEG XL, video and unknown
/// transfer syntaxes, and a JPEG-family stream its codec cannot decode or whose native library is missing
/// (<see cref="UnsupportedTransferSyntaxException"/>, 415); several frames, palette colour, YBR colour other than in a
/// lossy JPEG stream, other bit depths, no
/// pixel data (<see cref="UnsupportedDicomImageException"/>, 422); anything malformed or truncated
/// (<see cref="CorruptImageException"/>, 422). Not read: the Modality LUT Sequence, overlays, the Specific Character Set.</para>
/// <para>Memory: the input, the inflated data set (deflated files only, at most <see cref="ImageLimits.MaxEncodedBytes"/>:
/// the data set is held to the limit an uncompressed file would be, so a deflate bomb stops there), the decoded frame
/// (encapsulated syntaxes only, ≤ 2 bytes per sample, plus the codec's own buffers) and the 8-bit output. Cancellation is checked between these steps and every 1 MP.</para>
/// </remarks>
public static class DicomDecoder
{
    private const int InflateChunk = 1 << 16;
    private const string DctBaseline = "1.2.840.10008.1.2.4.50";
    private const string DctExtended = "1.2.840.10008.1.2.4.51";

    /// <summary>Reads what the file says about itself (transfer syntax, header fields, pixel module) without decoding its
    /// pixels and without checking them against any limit.</summary>
    /// <exception cref="ImageInputException">The file is truncated or malformed (<see cref="CorruptImageException"/>),
    /// or its transfer syntax is not read (<see cref="UnsupportedTransferSyntaxException"/>), or, deflated, inflates past
    /// <paramref name="limits"/>' byte limit (<see cref="ImageTooLargeException"/>).</exception>
    public static DicomImageInfo ReadInfo(ReadOnlySpan<byte> file, ImageLimits? limits = null)
    {
        limits ??= ImageLimits.Default;
        var (offset, transferSyntax) = ReadTransferSyntax(file);
        byte[]? inflated = null;
        try
        {
            var dataSet = DataSet(file, offset, transferSyntax, limits, CancellationToken.None, ref inflated);
            var parsed = DicomParser.ReadDataSet(dataSet, transferSyntax);
            return new DicomImageInfo(transferSyntax, parsed.Header, parsed.Pixels);
        }
        finally
        {
            Release(inflated);
        }
    }

    /// <summary>Decodes the file's single frame to 8-bit gray, <c>Columns × Rows</c>.</summary>
    /// <exception cref="ImageInputException">See the remarks: unsupported transfer syntax or image, corrupt data, or a
    /// limit exceeded (<see cref="ImageTooLargeException"/>, <see cref="ImageDimensionsTooLargeException"/>,
    /// <see cref="ImageTooSmallException"/>), always before the pixel memory is allocated.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static GrayImage DecodeGray(ReadOnlySpan<byte> file, ImageLimits limits, CancellationToken cancellationToken = default) =>
        DecodeGray(file, limits, out _, cancellationToken);

    /// <summary>As <see cref="DecodeGray(ReadOnlySpan{byte}, ImageLimits, CancellationToken)"/>; <paramref name="meanChroma"/>
    /// is the RGB image's mean chroma in [0, 1] as <see cref="ChromaMeter"/> measures it (0 for monochrome).</summary>
    internal static GrayImage DecodeGray(ReadOnlySpan<byte> file, ImageLimits limits, out double meanChroma, CancellationToken cancellationToken) =>
        DecodeGray(file, limits, out meanChroma, out _, cancellationToken);

    /// <summary>As <see cref="DecodeGray(ReadOnlySpan{byte}, ImageLimits, out double, CancellationToken)"/>;
    /// <paramref name="header"/> is the file's descriptive header (for the header gate).</summary>
    internal static GrayImage DecodeGray(ReadOnlySpan<byte> file, ImageLimits limits, out double meanChroma, out DicomHeader header, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        meanChroma = 0;
        header = new DicomHeader();
        if (file.Length > limits.MaxEncodedBytes)
        {
            throw new ImageTooLargeException(file.Length, limits.MaxEncodedBytes);
        }

        var (offset, transferSyntax) = ReadTransferSyntax(file);
        var codec = transferSyntax.Encapsulated
            ? DicomPixelCodecs.For(transferSyntax.Uid) ?? throw new UnsupportedTransferSyntaxException(transferSyntax)
            : null;
        byte[]? inflated = null;
        byte[]? joined = null;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dataSet = DataSet(file, offset, transferSyntax, limits, cancellationToken, ref inflated);
            cancellationToken.ThrowIfCancellationRequested();
            var parsed = DicomParser.ReadDataSet(dataSet, transferSyntax);
            header = parsed.Header;
            var pixels = Checked(parsed, transferSyntax, limits);
            var frameBytes = pixels.Rows * pixels.Columns * pixels.SamplesPerPixel * (pixels.BitsAllocated / 8);
            cancellationToken.ThrowIfCancellationRequested();
            scoped ReadOnlySpan<byte> frame;
            var planar = pixels.PlanarConfiguration == 1;
            if (codec is null)
            {
                var native = parsed.NativePixelData!.Value;
                if (native.Length < frameBytes)
                {
                    throw DicomCursor.Corrupt($"Pixel data has {native.Length} bytes; {pixels.Columns} × {pixels.Rows} × " +
                                              $"{pixels.SamplesPerPixel} samples of {pixels.BitsAllocated} bits need {frameBytes}");
                }

                frame = dataSet.Slice(native.Offset, frameBytes);
            }
            else
            {
                var decoded = new byte[frameBytes];
                codec.Decode(Frame(dataSet, parsed.Fragments, ref joined), pixels, decoded, cancellationToken);
                frame = decoded;
                planar = false;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var gray = pixels.SamplesPerPixel == 1
                ? DicomGrayscale.Render(frame, pixels, cancellationToken)
                : Rgb(frame, pixels.Rows * pixels.Columns, planar, out meanChroma, cancellationToken);
            return new GrayImage(pixels.Columns, pixels.Rows, gray);
        }
        finally
        {
            Release(inflated);
            Release(joined);
        }
    }

    private static (int Offset, DicomTransferSyntax TransferSyntax) ReadTransferSyntax(ReadOnlySpan<byte> file)
    {
        var (offset, transferSyntax) = DicomParser.ReadMeta(file);
        // Big endian and unknown syntaxes are refused before the data set is read: its layout cannot be assumed.
        if (!transferSyntax.IsKnown || transferSyntax.BigEndian)
        {
            throw new UnsupportedTransferSyntaxException(transferSyntax);
        }

        return (offset, transferSyntax);
    }

    private static ReadOnlySpan<byte> DataSet(ReadOnlySpan<byte> file, int offset, DicomTransferSyntax transferSyntax, ImageLimits limits, CancellationToken cancellationToken, ref byte[]? inflated)
    {
        if (!transferSyntax.Deflated)
        {
            return file[offset..];
        }

        var length = Inflate(file[offset..], limits.MaxEncodedBytes, cancellationToken, ref inflated);
        return inflated.AsSpan(0, length);
    }

    /// <summary>Inflates the raw deflate stream (RFC 1951, no zlib header: PS3.5 A.5) into a pooled buffer that grows by
    /// doubling up to <paramref name="maxBytes"/>; one byte more is <see cref="ImageTooLargeException"/>.</summary>
    private static int Inflate(ReadOnlySpan<byte> deflated, long maxBytes, CancellationToken cancellationToken, ref byte[]? buffer)
    {
        var input = ArrayPool<byte>.Shared.Rent(Math.Max(1, deflated.Length));
        try
        {
            deflated.CopyTo(input);
            using var source = new MemoryStream(input, 0, deflated.Length, writable: false);
            using var inflater = new DeflateStream(source, CompressionMode.Decompress);
            buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(maxBytes + 1, Math.Max(InflateChunk, 4L * deflated.Length)));
            var length = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (length == buffer.Length)
                {
                    var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min(maxBytes + 1, 2L * buffer.Length));
                    buffer.AsSpan(0, length).CopyTo(grown);
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                    buffer = grown;
                }

                var n = inflater.Read(buffer, length, Math.Min(InflateChunk, buffer.Length - length));
                if (n == 0)
                {
                    return length;
                }

                length += n;
                if (length > maxBytes)
                {
                    throw new ImageTooLargeException(null, maxBytes);
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw DicomCursor.Corrupt("Deflate: " + e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input, clearArray: true);
        }
    }

    /// <summary>One frame's compressed bytes: the single fragment as it is, or all fragments joined (a frame may span
    /// several, PS3.5 A.4).</summary>
    private static ReadOnlySpan<byte> Frame(ReadOnlySpan<byte> dataSet, IReadOnlyList<DicomFragment> fragments, ref byte[]? joined)
    {
        if (fragments.Count == 0)
        {
            throw DicomCursor.Corrupt("Encapsulated pixel data has no fragments");
        }

        if (fragments.Count == 1)
        {
            return dataSet.Slice(fragments[0].Offset, fragments[0].Length);
        }

        var total = 0;
        foreach (var f in fragments)
        {
            total += f.Length;
        }

        joined = ArrayPool<byte>.Shared.Rent(total);
        var at = 0;
        foreach (var f in fragments)
        {
            dataSet.Slice(f.Offset, f.Length).CopyTo(joined.AsSpan(at));
            at += f.Length;
        }

        return joined.AsSpan(0, total);
    }

    /// <summary>Checks the pixel module (refusing what is not read) and the limits, and fills in BitsStored, HighBit and
    /// the photometric interpretation where the file leaves them out.</summary>
    private static DicomPixelModule Checked(DicomDataSet parsed, DicomTransferSyntax transferSyntax, ImageLimits limits)
    {
        var p = parsed.Pixels;
        if (!parsed.HasPixelData)
        {
            throw new UnsupportedDicomImageException("it has no pixel data (7FE0,0010), so it holds no image this version reads");
        }

        if (p.NumberOfFrames > 1)
        {
            throw UnsupportedDicomImageException.MultiFrame(p.NumberOfFrames);
        }

        if (p.Rows <= 0 || p.Columns <= 0)
        {
            throw DicomCursor.Corrupt($"Rows ({p.Rows}) or Columns ({p.Columns}) missing or 0");
        }

        if ((long)p.Rows * p.Columns > limits.MaxPixels)
        {
            throw new ImageDimensionsTooLargeException(p.Columns, p.Rows, limits.MaxPixels);
        }

        if (Math.Min(p.Rows, p.Columns) < limits.MinSide)
        {
            throw new ImageTooSmallException(p.Columns, p.Rows, limits.MinSide);
        }

        if (p.BitsAllocated is not (8 or 16))
        {
            throw new UnsupportedDicomImageException($"it has {p.BitsAllocated} bits allocated per sample; 8 and 16 are read");
        }

        var stored = p.BitsStored == 0 ? p.BitsAllocated : p.BitsStored;
        var high = p.HighBit < 0 ? stored - 1 : p.HighBit;
        if (stored > p.BitsAllocated || high < stored - 1 || high >= p.BitsAllocated || p.PixelRepresentation is not (0 or 1))
        {
            throw DicomCursor.Corrupt($"Inconsistent pixel format: {p.BitsAllocated} bits allocated, {stored} stored, high bit {high}, " +
                                      $"pixel representation {p.PixelRepresentation}");
        }

        // No photometric interpretation (old ACR-NEMA style files) with one sample: MONOCHROME2, as other readers assume.
        var photometric = p.PhotometricInterpretation.Length == 0 && p.SamplesPerPixel == 1 ? "MONOCHROME2" : p.PhotometricInterpretation;
        var gray = photometric is "MONOCHROME1" or "MONOCHROME2" && p.SamplesPerPixel == 1;
        var colour8 = p.SamplesPerPixel == 3 && p.BitsAllocated == 8 && stored == 8 && p.PlanarConfiguration is 0 or 1;
        var rgb = photometric == "RGB" && colour8;
        // YBR_FULL_422 / YBR_FULL inside a lossy JPEG stream (PS3.5 8.2.1): the JPEG decoder converts it to RGB, as it
        // does for a JPEG file. Native YBR data is not read.
        var jpegYbr = photometric is "YBR_FULL_422" or "YBR_FULL" && colour8 && transferSyntax.Uid is DctBaseline or DctExtended;
        if (!gray && !rgb && !jpegYbr)
        {
            throw new UnsupportedDicomImageException(
                $"its photometric interpretation is {(photometric.Length == 0 ? "missing" : photometric)} with {p.SamplesPerPixel} " +
                $"sample(s) of {p.BitsAllocated} bits; MONOCHROME1, MONOCHROME2, 8-bit RGB, and 8-bit YBR_FULL_422 and YBR_FULL " +
                "in JPEG Baseline or Extended are read");
        }

        return p with { BitsStored = stored, HighBit = high, PhotometricInterpretation = photometric };
    }

    /// <summary>8-bit RGB (interleaved, or one plane per colour) to BT.601 luminance, the same weights and rounding as
    /// every other colour format (<see cref="Bt601"/>), and the mean chroma for the input guard.</summary>
    private static byte[] Rgb(ReadOnlySpan<byte> frame, int count, bool planar, out double meanChroma, CancellationToken cancellationToken)
    {
        var gray = new byte[count];
        ulong chroma = 0;
        for (var start = 0; start < count; start += 1 << 20)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(count, start + (1 << 20));
            for (var i = start; i < end; i++)
            {
                uint r, g, b;
                if (planar)
                {
                    (r, g, b) = (frame[i], frame[count + i], frame[(2 * count) + i]);
                }
                else
                {
                    (r, g, b) = (frame[3 * i], frame[(3 * i) + 1], frame[(3 * i) + 2]);
                }

                gray[i] = Bt601.Luma(r, g, b);
                chroma += ChromaMeter.Of(r, g, b);
            }
        }

        meanChroma = ChromaMeter.Mean(chroma, count);
        return gray;
    }

    private static void Release(byte[]? pooled)
    {
        if (pooled is not null)
        {
            // Cleared: image bytes do not linger in the shared pool (uploads are medical images).
            ArrayPool<byte>.Shared.Return(pooled, clearArray: true);
        }
    }
}
