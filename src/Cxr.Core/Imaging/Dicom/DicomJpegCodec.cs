using System.Buffers;
using System.Buffers.Binary;
using JpegLibrary;

namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// The JPEG family (ITU-T T.81) through the managed JpegLibrary decoder: JPEG Baseline (process 1, 8-bit), JPEG Extended
/// (processes 2 and 4, 8 or 12-bit, Huffman) and JPEG Lossless (process 14, 2 … 16-bit, both the general syntax and the
/// first-order-prediction one). The stream's header is read first (<see cref="JpegStreamInfo"/>) and must agree with the
/// DICOM header (size, samples, precision ≤ Bits Allocated) before anything is allocated for it.
/// </summary>
/// <remarks>
/// <para>Refused with <see cref="UnsupportedTransferSyntaxException"/> (415) rather than decoded wrongly, as measured
/// against DCMTK: JpegLibrary's lossless scan decoder predicts the first line with the selected predictor and 2^(P−1) for
/// the row above, where T.81 H.1.2.1 uses Ra, so predictors 2, 3, 6 and 7 come out wrong; it keeps samples in 16-bit
/// signed integers, so at 16-bit precision predictors 5 … 7 (which halve a difference) overflow; its restart handling in
/// the lossless process and a point transform other than 0 are not T.81's either. Read: predictors 1 (the default
/// first-order syntax), 4 and 5, and at 16 bits 1 and 4; no restart interval; no point transform. Progressive,
/// arithmetic-coded and hierarchical streams are refused too.</para>
/// <para>Memory: a copy of the frame and one 16-bit value per sample (pooled, cleared when returned), besides JpegLibrary's
/// own buffers (8 × 8 blocks of the frame for the DCT processes, 16 lines for lossless).</para>
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

    /// <summary>Refuses, naming the reason, the processes and lossless options JpegLibrary does not decode as T.81 does
    /// (see the remarks).</summary>
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

        if (!info.IsLossless)
        {
            return;
        }

        var predictorOk = info.Predictor is 1 or 4 || (info.Predictor == 5 && info.Precision < 16);
        if (!predictorOk || info.RestartInterval != 0 || info.PointTransform != 0)
        {
            throw new UnsupportedTransferSyntaxException(_transferSyntax,
                $"Its lossless JPEG stream uses predictor {info.Predictor} at {info.Precision} bits, restart interval " +
                $"{info.RestartInterval} and point transform {info.PointTransform}; the JPEG decoder reads predictors 1, 4 and 5 " +
                "(1 and 4 at 16 bits) without restart interval or point transform exactly, and the others not");
        }
    }
}
