using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Cxr.Core.Imaging.Dicom.Native;

namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// JPEG 2000 Part 1 (ISO 15444-1), lossless only (.90) and lossless or lossy (.91), through OpenJPEG
/// (<see cref="OpenJpeg"/>, Debian's libopenjp2-7): a bare codestream (or a JP2 file, recognised by its signature), any
/// precision up to Bits Allocated, unsigned or signed. The header OpenJPEG reads (size, components, subsampling 1,
/// precision) must agree with the DICOM header before it decodes; the decoded components must be full size.
/// </summary>
/// <remarks>Samples are clamped to their precision's range (lossy decoding can overshoot by rounding; in .91, for a stream
/// wider than Bits Stored, to the Bits Stored range, see <see cref="Copy"/>) and stored as
/// their 16-bit (or 8-bit) two's-complement pattern, which <see cref="DicomGrayscale"/> reads with Pixel Representation.
/// A missing libopenjp2.so.7 is an <see cref="UnsupportedTransferSyntaxException"/> naming it. The codec, stream and
/// image are destroyed in every case. Memory: OpenJPEG's own (4 bytes per sample and its code-block buffers, bounded by
/// the checked header). Cancellation is checked before and after the native decode, which cannot be interrupted.</remarks>
internal sealed class DicomJpeg2000Codec : IDicomPixelCodec
{
    private static ReadOnlySpan<byte> Jp2Signature => [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A];

    private const string LossyUid = "1.2.840.10008.1.2.4.91";

    private readonly DicomTransferSyntax _transferSyntax;

    /// <summary>Creates the codec for <c>1.2.840.10008.1.2.4.90</c> or <c>.91</c>.</summary>
    public DicomJpeg2000Codec(string transferSyntaxUid) => _transferSyntax = DicomTransferSyntax.FromUid(transferSyntaxUid);

    /// <inheritdoc />
    public string TransferSyntaxUid => _transferSyntax.Uid;

    /// <inheritdoc />
    public unsafe void Decode(ReadOnlySpan<byte> frame, DicomPixelModule pixels, Span<byte> destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var count = pixels.Rows * pixels.Columns * pixels.SamplesPerPixel;
        DicomNativeFrame.CheckDestination(destination, count, pixels);
        NativeCodecLibrary.Require(OpenJpeg.Library, OpenJpeg.Package, _transferSyntax);
        cancellationToken.ThrowIfCancellationRequested();

        var errors = new List<string>();
        var errorsHandle = GCHandle.Alloc(errors);
        var codec = IntPtr.Zero;
        var stream = IntPtr.Zero;
        OpjImage* image = null;
        var parameters = NativeMemory.AllocZeroed(OpenJpeg.DecoderParametersBytes);
        try
        {
            fixed (byte* data = frame)
            {
                var memory = new OpjMemoryStream { Data = data, Length = frame.Length, Position = 0 };
                codec = OpenJpeg.CreateDecompress(frame.StartsWith(Jp2Signature) ? OpenJpeg.CodecJp2 : OpenJpeg.CodecJ2k);
                stream = OpenJpeg.StreamCreate((nuint)Math.Clamp(frame.Length, 1, 1 << 20), 1);
                if (codec == IntPtr.Zero || stream == IntPtr.Zero)
                {
                    throw new InsufficientMemoryException("OpenJPEG could not create its decoder or stream");
                }

                Check(OpenJpeg.SetErrorHandler(codec, &OnError, (void*)GCHandle.ToIntPtr(errorsHandle)), "opj_set_error_handler", errors);
                OpenJpeg.StreamSetReadFunction(stream, &OpjMemoryStream.Read);
                OpenJpeg.StreamSetSkipFunction(stream, &OpjMemoryStream.Skip);
                OpenJpeg.StreamSetSeekFunction(stream, &OpjMemoryStream.Seek);
                OpenJpeg.StreamSetUserData(stream, &memory, IntPtr.Zero);
                OpenJpeg.StreamSetUserDataLength(stream, (ulong)frame.Length);
                OpenJpeg.SetDefaultDecoderParameters(parameters);
                Check(OpenJpeg.SetupDecoder(codec, parameters), "opj_setup_decoder", errors);
                Check(OpenJpeg.ReadHeader(stream, codec, out image), "opj_read_header", errors);
                CheckHeader(image, pixels);
                cancellationToken.ThrowIfCancellationRequested();
                Check(OpenJpeg.Decode(codec, stream, image), "opj_decode", errors);
                Check(OpenJpeg.EndDecompress(codec, stream), "opj_end_decompress", errors);
            }

            cancellationToken.ThrowIfCancellationRequested();
            Copy(image, pixels, _transferSyntax.Uid == LossyUid, destination);
        }
        finally
        {
            if (image is not null)
            {
                OpenJpeg.ImageDestroy(image);
            }

            if (stream != IntPtr.Zero)
            {
                OpenJpeg.StreamDestroy(stream);
            }

            if (codec != IntPtr.Zero)
            {
                OpenJpeg.DestroyCodec(codec);
            }

            NativeMemory.Free(parameters);
            errorsHandle.Free();
        }
    }

    /// <summary>The image area, every component's subsampling and precision, against the DICOM header, before
    /// OpenJPEG allocates the samples.</summary>
    private static unsafe void CheckHeader(OpjImage* image, DicomPixelModule pixels)
    {
        if (image is null || image->Comps is null || image->X1 < image->X0 || image->Y1 < image->Y0)
        {
            throw Corrupt("OpenJPEG read no image header");
        }

        var width = (long)image->X1 - image->X0;
        var height = (long)image->Y1 - image->Y0;
        for (var c = 0; c < image->NumComps; c++)
        {
            var comp = image->Comps[c];
            if (comp.Dx != 1 || comp.Dy != 1)
            {
                throw new UnsupportedDicomImageException($"its JPEG 2000 component {c} is subsampled {comp.Dx} × {comp.Dy}; only full-size components are read");
            }

            DicomNativeFrame.CheckSize(width, height, image->NumComps, (int)Math.Min(comp.Prec, 32), pixels, "JPEG 2000");
        }
    }

    /// <summary>Interleaves the decoded components into the destination, clamped to each precision's range; in the
    /// syntax that allows lossy coding (.91), for a codestream whose precision exceeds Bits Stored (GDCM writes 12 of 16
    /// bits as 16-bit streams), to the Bits Stored range instead.</summary>
    private static unsafe void Copy(OpjImage* image, DicomPixelModule pixels, bool mayBeLossy, Span<byte> destination)
    {
        var pixelCount = pixels.Rows * pixels.Columns;
        var components = pixels.SamplesPerPixel;
        var wide = pixels.BitsAllocated == 16;
        for (var c = 0; c < components; c++)
        {
            var comp = image->Comps[c];
            if (comp.Data is null || comp.W != pixels.Columns || comp.H != pixels.Rows || comp.Factor != 0)
            {
                throw Corrupt($"component {c} decoded to {comp.W} × {comp.H} (reduction {comp.Factor}), not {pixels.Columns} × {pixels.Rows}");
            }

            // A lossy reconstruction (irreversible 9-7, or reversible 5-3 cut to a rate, as gdcmconv --lossy writes)
            // overshoots the original's range by its error (e.g. 4101 for a 12-bit 4095): the original held Bits Stored
            // bits, so the nearest value it can have had is the range's end. Clamping only to the stream's 16 bits would
            // leave 4101, which the grayscale chain then masks to 12 bits, 5: white turned black (255 gray levels off
            // GDCM's rendering, measured). In .90 the stream is exact, so bits above Bits Stored are data the header
            // says to ignore (PS3.5 8.1.1), masked later as in native data.
            var prec = mayBeLossy && pixels.BitsStored > 0 ? Math.Min((int)comp.Prec, pixels.BitsStored) : (int)comp.Prec;
            var (min, max) = comp.Sgnd != 0 ? (-(1 << (prec - 1)), (1 << (prec - 1)) - 1) : (0, (1 << prec) - 1);
            for (var i = 0; i < pixelCount; i++)
            {
                var value = Math.Clamp(comp.Data[i], min, max);
                var at = (i * components) + c;
                if (wide)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(destination[(2 * at)..], (ushort)value);
                }
                else
                {
                    destination[at] = (byte)value;
                }
            }
        }
    }

    /// <summary><c>opj_msg_callback</c>: keeps OpenJPEG's error messages for the exception (must not throw).</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe void OnError(byte* message, void* user)
    {
        try
        {
            if (GCHandle.FromIntPtr((IntPtr)user).Target is List<string> errors && errors.Count < 8)
            {
                errors.Add((Marshal.PtrToStringUTF8((IntPtr)message) ?? "").Trim());
            }
        }
        catch (InvalidOperationException)
        {
            // A freed handle cannot happen (the handle outlives the codec); nothing may escape into C.
        }
    }

    private static void Check(int ok, string function, List<string> errors)
    {
        if (ok == 0)
        {
            throw Corrupt($"{function} failed{(errors.Count > 0 ? ": " + string.Join("; ", errors) : "")}");
        }
    }

    private static CorruptImageException Corrupt(string reason) => DicomCursor.Corrupt("JPEG 2000: " + reason);
}
