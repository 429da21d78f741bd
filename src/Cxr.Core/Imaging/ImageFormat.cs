namespace Cxr.Core.Imaging;

/// <summary>The encoded image formats the pipeline accepts, as detected from the data's magic bytes.</summary>
public enum ImageFormat
{
    /// <summary>JPEG / JFIF / EXIF (<c>FF D8 FF</c>).</summary>
    Jpeg,

    /// <summary>PNG (8- and 16-bit, gray, RGB, palette, with or without alpha).</summary>
    Png,

    /// <summary>Windows BMP (<c>BM</c> with a known DIB header size).</summary>
    Bmp,

    /// <summary>GIF 87a/89a; only the first frame is used.</summary>
    Gif,

    /// <summary>WebP (lossy or lossless; only the first frame of an animation is used).</summary>
    Webp,

    /// <summary>DICOM Part 10 (<c>DICM</c> after a 128-byte preamble, or a file starting with its group 0002 meta
    /// information); one frame, gray or 8-bit RGB, in the transfer syntaxes <see cref="Dicom.DicomDecoder"/> reads.</summary>
    Dicom,
}
