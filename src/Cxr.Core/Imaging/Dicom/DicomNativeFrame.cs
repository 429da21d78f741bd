namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// The checks every codec makes before it copies a decoded frame: what the compressed stream says it holds (size,
/// components, precision) against the DICOM header, and the destination against
/// <c>Rows × Columns × SamplesPerPixel × BitsAllocated / 8</c>.
/// </summary>
internal static class DicomNativeFrame
{
    /// <summary>Throws <see cref="CorruptImageException"/> unless the stream's <paramref name="width"/> ×
    /// <paramref name="height"/> × <paramref name="components"/> equal Columns × Rows × SamplesPerPixel and its
    /// <paramref name="precision"/> (bits per sample) is 1 … Bits Allocated: wider samples would not fit the destination.
    /// A precision above Bits Stored is allowed (DCMTK and GDCM write 12 of 16 bits as 16-bit JPEG lossless, JPEG-LS
    /// and JPEG 2000 streams): as in native data, the bits above High Bit are not part of the value (PS3.5 8.1.1).</summary>
    public static void CheckSize(long width, long height, long components, int precision, DicomPixelModule pixels, string codec)
    {
        if (width != pixels.Columns || height != pixels.Rows || components != pixels.SamplesPerPixel)
        {
            throw DicomCursor.Corrupt($"{codec}: the stream holds {width} × {height} pixels of {components} component(s), the header says " +
                                      $"{pixels.Columns} × {pixels.Rows} of {pixels.SamplesPerPixel}");
        }

        if (precision < 1 || precision > pixels.BitsAllocated)
        {
            throw DicomCursor.Corrupt($"{codec}: the stream has {precision}-bit samples, the header {pixels.BitsAllocated} bits allocated");
        }
    }

    /// <summary>Checks that <paramref name="destination"/> is exactly <paramref name="samples"/> samples of Bits
    /// Allocated (a caller error otherwise, not the file's).</summary>
    public static void CheckDestination(Span<byte> destination, int samples, DicomPixelModule pixels)
    {
        var bytes = (long)samples * (pixels.BitsAllocated / 8);
        if (destination.Length != bytes)
        {
            throw new ArgumentException($"The destination has {destination.Length} bytes; {samples} samples of {pixels.BitsAllocated} bits need {bytes}", nameof(destination));
        }
    }
}
