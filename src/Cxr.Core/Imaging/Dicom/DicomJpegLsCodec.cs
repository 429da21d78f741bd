using System.Buffers;
using System.Buffers.Binary;
using Cxr.Core.Imaging.Dicom.Native;

namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// JPEG-LS (ISO 14495-1), lossless (.80) and near-lossless (.81), through CharLS (<see cref="CharLs"/>, Debian's
/// libcharls2): 2 … 16-bit samples, one component (or three, interleaved by line or sample, or not at all). The stream's
/// frame info must agree with the DICOM header before CharLS decodes; its output (1 byte per sample up to 8 bits, else
/// 2 little-endian bytes) must be exactly the size it announced.
/// </summary>
/// <remarks>A missing libcharls.so.2 is an <see cref="UnsupportedTransferSyntaxException"/> naming it; the HP colour
/// transforms (a non-standard extension) are refused the same way. Memory: CharLS's output (≤ 2 bytes per sample,
/// pooled, cleared), besides CharLS's own line buffers; the decoder handle is destroyed in every case. Cancellation is
/// checked before and after the native decode, which cannot be interrupted.</remarks>
internal sealed class DicomJpegLsCodec : IDicomPixelCodec
{
    private readonly DicomTransferSyntax _transferSyntax;

    /// <summary>Creates the codec for <c>1.2.840.10008.1.2.4.80</c> or <c>.81</c>.</summary>
    public DicomJpegLsCodec(string transferSyntaxUid) => _transferSyntax = DicomTransferSyntax.FromUid(transferSyntaxUid);

    /// <inheritdoc />
    public string TransferSyntaxUid => _transferSyntax.Uid;

    /// <inheritdoc />
    public unsafe void Decode(ReadOnlySpan<byte> frame, DicomPixelModule pixels, Span<byte> destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var count = pixels.Rows * pixels.Columns * pixels.SamplesPerPixel;
        DicomNativeFrame.CheckDestination(destination, count, pixels);
        NativeCodecLibrary.Require(CharLs.Library, CharLs.Package, _transferSyntax);
        cancellationToken.ThrowIfCancellationRequested();
        var decoder = CharLs.DecoderCreate();
        if (decoder == IntPtr.Zero)
        {
            throw new InsufficientMemoryException("charls_jpegls_decoder_create returned null");
        }

        byte[]? output = null;
        try
        {
            fixed (byte* source = frame)
            {
                Check(CharLs.SetSourceBuffer(decoder, source, (nuint)frame.Length));
                Check(CharLs.ReadHeader(decoder));
                Check(CharLs.GetFrameInfo(decoder, out var info));
                DicomNativeFrame.CheckSize(info.Width, info.Height, info.ComponentCount, info.BitsPerSample, pixels, "JPEG-LS");
                Check(CharLs.GetColorTransformation(decoder, out var transform));
                if (transform != 0)
                {
                    throw new UnsupportedTransferSyntaxException(_transferSyntax, $"Its JPEG-LS stream uses the HP colour transformation {transform}, which is not read");
                }

                Check(CharLs.GetInterleaveMode(decoder, out var interleave));
                var bytesPerSample = info.BitsPerSample > 8 ? 2 : 1;
                Check(CharLs.GetDestinationSize(decoder, 0, out var size));
                if (size != (nuint)((long)count * bytesPerSample))
                {
                    throw Corrupt($"CharLS needs {size} bytes for {count} samples of {info.BitsPerSample} bits");
                }

                output = ArrayPool<byte>.Shared.Rent(count * bytesPerSample);
                cancellationToken.ThrowIfCancellationRequested();
                fixed (byte* target = output)
                {
                    Check(CharLs.DecodeToBuffer(decoder, target, size, 0));
                }

                cancellationToken.ThrowIfCancellationRequested();
                // Interleave mode 0 (none) comes out one plane per component; line and sample interleaving come out
                // interleaved by pixel, as native DICOM data with Planar Configuration 0 is.
                Copy(output, bytesPerSample, pixels, planar: interleave == 0 && pixels.SamplesPerPixel > 1, destination);
            }
        }
        finally
        {
            CharLs.DecoderDestroy(decoder);
            if (output is not null)
            {
                ArrayPool<byte>.Shared.Return(output, clearArray: true);
            }
        }
    }

    /// <summary>Copies CharLS's samples into the destination's Bits Allocated, interleaving planes when
    /// <paramref name="planar"/>.</summary>
    private static void Copy(byte[] output, int bytesPerSample, DicomPixelModule pixels, bool planar, Span<byte> destination)
    {
        var pixelCount = pixels.Rows * pixels.Columns;
        var components = pixels.SamplesPerPixel;
        var wide = pixels.BitsAllocated == 16;
        for (var i = 0; i < pixelCount * components; i++)
        {
            var source = planar ? ((i % components) * pixelCount) + (i / components) : i;
            var value = bytesPerSample == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(output.AsSpan(2 * source)) : output[source];
            if (wide)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(destination[(2 * i)..], value);
            }
            else
            {
                destination[i] = (byte)value;
            }
        }
    }

    private static void Check(int error)
    {
        if (error != 0)
        {
            throw Corrupt(CharLs.Message(error));
        }
    }

    private static CorruptImageException Corrupt(string reason) => DicomCursor.Corrupt("JPEG-LS: " + reason);
}
