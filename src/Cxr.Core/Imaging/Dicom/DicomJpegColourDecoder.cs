using System.Buffers;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// Colour JPEG Baseline / Extended frames (3 components, 8-bit: YBR_FULL_422 and YBR_FULL, as <c>img2dcm</c> wraps a
/// colour JPEG, and RGB) decoded by the same decoder, SkiaSharp's libjpeg-turbo, with the same settings as
/// <see cref="ImagePipeline"/> uses for a JPEG file (RGBA8888, no colour space, rows read in bands by
/// <see cref="ImagePipeline.DecodeRows"/>). So the inverse DCT, the chroma upsampling (libjpeg-turbo's "fancy", triangle
/// filter, upsampling) and the YCbCr → RGB conversion (JFIF full-range BT.601 with its fixed-point rounding) are exactly a
/// JPEG file's, and a DICOM made from a JPEG by wrapping its stream gives the JPEG's own RGB bit for bit; the RGB then goes
/// through <see cref="DicomDecoder"/>'s 8-bit RGB path (<see cref="Bt601"/> and <see cref="ChromaMeter"/>, the formula
/// every colour format uses).
/// </summary>
/// <remarks>libjpeg decides from the stream's own markers whether the components are YCbCr (see
/// <see cref="JpegStreamInfo.YCbCr"/>) and cannot be told otherwise through Skia, so <see cref="DicomJpegCodec"/> refuses a
/// frame whose markers disagree with the photometric interpretation before calling this. Memory: a copy of the frame and
/// an RGBA buffer (4 bytes per pixel, pooled and cleared).</remarks>
internal static class DicomJpegColourDecoder
{
    /// <summary>Decodes <paramref name="frame"/>, already checked to be a <paramref name="pixels"/>.Columns ×
    /// Rows 3-component 8-bit DCT stream, into <paramref name="destination"/>: <c>Rows × Columns × 3</c> bytes, R G B per
    /// pixel, row-major.</summary>
    /// <exception cref="CorruptImageException">Skia cannot read the stream, reads another size, or decodes it only in part.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled (checked between bands of rows).</exception>
    public static void Decode(ReadOnlySpan<byte> frame, DicomPixelModule pixels, Span<byte> destination, CancellationToken cancellationToken)
    {
        using var data = SKData.CreateCopy(frame);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Jpeg)
        {
            throw DicomCursor.Corrupt("JPEG: the colour decoder does not read the stream");
        }

        if (codec.Info.Width != pixels.Columns || codec.Info.Height != pixels.Rows)
        {
            throw DicomCursor.Corrupt($"JPEG: the colour decoder reads a {codec.Info.Width} × {codec.Info.Height} frame, the header says " +
                                      $"{pixels.Columns} × {pixels.Rows}");
        }

        var info = new SKImageInfo(pixels.Columns, pixels.Rows, SKColorType.Rgba8888, SKAlphaType.Premul);
        var rgba = ArrayPool<byte>.Shared.Rent(info.BytesSize);
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            var result = ImagePipeline.DecodeRows(codec, null, info, handle.AddrOfPinnedObject(), cancellationToken);
            if (result != SKCodecResult.Success)
            {
                throw DicomCursor.Corrupt($"JPEG: the colour stream does not decode ({result})");
            }

            var count = pixels.Rows * pixels.Columns;
            for (var i = 0; i < count; i++)
            {
                destination[3 * i] = rgba[4 * i];
                destination[(3 * i) + 1] = rgba[(4 * i) + 1];
                destination[(3 * i) + 2] = rgba[(4 * i) + 2];
            }
        }
        finally
        {
            handle.Free();
            // Cleared: image bytes do not linger in the shared pool (uploads are medical images).
            ArrayPool<byte>.Shared.Return(rgba, clearArray: true);
        }
    }
}
