using System.Buffers;
using System.Buffers.Binary;
using JpegLibrary;

namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// The JPEG family (ITU-T T.81): JPEG Baseline (process 1, 8-bit), JPEG Extended (processes 2 and 4, 8 or 12-bit,
/// Huffman) and JPEG Lossless (process 14, 2 … 16-bit, both the general syntax and the first-order-prediction one). The
/// stream's header is read first (<see cref="JpegStreamInfo"/>) and must agree with the DICOM header (size, samples,
/// precision ≤ Bits Allocated) before anything is allocated for it. Then: lossless frames go to our own
/// <see cref="JpegLosslessDecoder"/>; 8-bit colour frames (YBR_FULL_422, YBR_FULL, RGB) to
/// <see cref="DicomJpegColourDecoder"/> (SkiaSharp's libjpeg-turbo, the decoder of JPEG files); gray DCT frames to the
/// managed JpegLibrary decoder.
/// </summary>
/// <remarks>
/// <para>Refused with <see cref="UnsupportedTransferSyntaxException"/> (415): progressive, arithmetic-coded and
/// hierarchical streams; lossless streams of more than one component, or with a restart interval that is not a whole
/// number of lines (libjpeg's and DCMTK's rule too); colour DCT streams of 12 bits (libjpeg-turbo in Skia reads 8) or
/// other than 3 components. A colour frame whose markers make it YCbCr while the header says RGB, or the reverse, is an
/// <see cref="UnsupportedDicomImageException"/> (422): the decoder would convert it the other way.</para>
/// <para>Memory: gray DCT: a copy of the frame and one 16-bit value per sample (pooled, cleared when returned), besides
/// JpegLibrary's own 8 × 8 blocks; colour: see <see cref="DicomJpegColourDecoder"/>; lossless: two lines.</para>
/// </remarks>
internal sealed class DicomJpegCodec : IDicomPixelCodec
{
    private const int Baseline = 0xC0;
    private const int Extended = 0xC1;
    private const int Lossless = 0xC3;

    private readonly DicomTransferSyntax _transferSyntax;

    /// <summary>Creates the codec for one of the JPEG transfer syntax UIDs (.50, .51, .57, .70).</summary>
    public DicomJpegCodec(string transferSyntaxUid) => _transferSyntax = DicomTransferSyntax.FromUid(transferSyntaxUid);

    /// <inheritdoc />
    public string TransferSyntaxUid => _transferSyntax.Uid;

    /// <inheritdoc />
    public void Decode(ReadOnlySpan<byte> frame, DicomPixelModule pixels, Span<byte> destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var info = JpegStreamInfo.Read(frame);
        CheckReadable(info);
        DicomNativeFrame.CheckSize(info.Width, info.Height, info.Components, info.Precision, pixels, "JPEG");
        var count = pixels.Rows * pixels.Columns * pixels.SamplesPerPixel;
        DicomNativeFrame.CheckDestination(destination, count, pixels);
        if (info.IsLossless)
        {
            JpegLosslessDecoder.Decode(frame, info, pixels, destination, cancellationToken);
            return;
        }

        if (info.Components == 3)
        {
            CheckColour(info, pixels);
            DicomJpegColourDecoder.Decode(frame, pixels, destination, cancellationToken);
            return;
        }

        var input = ArrayPool<byte>.Shared.Rent(frame.Length);
        var samples = ArrayPool<ushort>.Shared.Rent(count);
        try
        {
            frame.CopyTo(input);
            cancellationToken.ThrowIfCancellationRequested();
            var decoder = new JpegDecoder();
            decoder.SetInput(input.AsMemory(0, frame.Length));
            decoder.Identify();
            if (decoder.Width != info.Width || decoder.Height != info.Height || decoder.NumberOfComponents != info.Components || decoder.Precision != info.Precision)
            {
                throw DicomCursor.Corrupt($"JPEG: the decoder reads a {decoder.Width} × {decoder.Height} frame of {decoder.NumberOfComponents} " +
                                          $"{decoder.Precision}-bit components where the header says {info.Width} × {info.Height} × {info.Components} of {info.Precision}");
            }

            decoder.SetOutputWriter(new DicomJpegBlockWriter(samples, info.Width, info.Height, info.Components, info.Precision, info.IsLossless, cancellationToken));
            decoder.Decode();
            cancellationToken.ThrowIfCancellationRequested();
            if (pixels.BitsAllocated == 8)
            {
                for (var i = 0; i < count; i++)
                {
                    destination[i] = (byte)samples[i];
                }
            }
            else
            {
                for (var i = 0; i < count; i++)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(destination[(2 * i)..], samples[i]);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // JpegLibrary reports malformed streams with these (and can index past a truncated one).
            throw DicomCursor.Corrupt("JPEG: " + e.Message);
        }
        catch (NotSupportedException e)
        {
            throw new UnsupportedTransferSyntaxException(_transferSyntax, "The JPEG decoder does not read this stream: " + e.Message.TrimEnd('.'));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input, clearArray: true);
            ArrayPool<ushort>.Shared.Return(samples, clearArray: true);
        }
    }

    /// <summary>Refuses, naming the reason, the processes and stream options not read (see the remarks).</summary>
    private void CheckReadable(JpegStreamInfo info)
    {
        var ok = info.StartOfFrame switch
        {
            Baseline => info.Precision == 8,
            Extended => info.Precision is 8 or 12,
            Lossless => info.Precision is >= 2 and <= 16,
            _ => false,
        };
        if (!ok)
        {
            throw new UnsupportedTransferSyntaxException(_transferSyntax,
                $"Its JPEG stream is SOF{info.StartOfFrame - 0xC0} with {info.Precision}-bit samples; baseline (SOF0, 8-bit), " +
                "extended Huffman (SOF1, 8 or 12-bit) and lossless Huffman (SOF3, 2 to 16-bit) are read");
        }

        if (info.Height == 0)
        {
            throw new UnsupportedTransferSyntaxException(_transferSyntax, "Its JPEG frame leaves the number of lines to a DNL marker, which is not read");
        }

        if (info.IsLossless)
        {
            if (info.Components != 1)
            {
                throw new UnsupportedTransferSyntaxException(_transferSyntax,
                    $"Its lossless JPEG stream has {info.Components} components; lossless JPEG is read for one (grayscale)");
            }

            if (info.Width > 0 && info.RestartInterval % info.Width != 0)
            {
                throw new UnsupportedTransferSyntaxException(_transferSyntax,
                    $"Its lossless JPEG stream has a restart interval of {info.RestartInterval} samples, not a whole number of " +
                    $"{info.Width}-sample lines; restart intervals of whole lines are read");
            }

            return;
        }

        if (info.Components is not (1 or 3) || (info.Components == 3 && info.Precision != 8))
        {
            throw new UnsupportedTransferSyntaxException(_transferSyntax,
                $"Its JPEG stream has {info.Components} component(s) of {info.Precision} bits; one (gray, 8 or 12-bit) or three " +
                "(colour, 8-bit) are read");
        }
    }

    /// <summary>A colour frame is converted by the stream's markers (<see cref="JpegStreamInfo.YCbCr"/>): they must say
    /// what the photometric interpretation says.</summary>
    private static void CheckColour(JpegStreamInfo info, DicomPixelModule pixels)
    {
        var headerYCbCr = pixels.PhotometricInterpretation is "YBR_FULL" or "YBR_FULL_422";
        if (headerYCbCr != info.YCbCr)
        {
            throw new UnsupportedDicomImageException(
                $"its photometric interpretation is {pixels.PhotometricInterpretation} but its JPEG stream's markers say " +
                $"{(info.YCbCr ? "YCbCr" : "RGB")}, so a JPEG decoder would convert its colours the other way");
        }
    }
}
