using System.Buffers;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace Cxr.Core.Imaging;

/// <summary>
/// The only code that turns encoded image bytes into model input, for training and for serving:
/// sniff format → check byte limit → read header → check pixel and side limits → decode (SkiaSharp
/// <see cref="SKCodec"/>) → 8-bit BT.601 luminance → EXIF orientation → antialiased resize to <c>Size × Size</c> → <c>pixel / 255f</c>.
/// </summary>
/// <remarks>
/// <para>Immutable and thread-safe: one instance can serve any number of concurrent calls.</para>
/// <para>Decoding: gray sources (gray JPEG/PNG) decode straight to 8-bit gray; everything else decodes to RGBA8888
/// premultiplied — i.e. alpha composited over black, which is also the letterbox padding and what "no signal" means in
/// a radiograph — and then goes through <see cref="Bt601"/>. Both give identical values for gray content, so every
/// format follows one recipe. Skia's own RGB→gray conversion is not used: it refuses color JPEG → gray, and its
/// weights are not BT.601. Embedded ICC profiles are ignored (pixel values as encoded). 16-bit PNG is reduced to 8 bits
/// by the decoder. A CMYK JPEG decodes (Skia treats it as Adobe-inverted CMYK).</para>
/// <para>Incomplete data is an error (<see cref="CorruptImageException"/>): half an image is never classified.</para>
/// <para>Reference: for the shared JPEGs the 8-bit preview is bit-identical to Python's
/// <c>Image.open(f).convert("L").resize((S, S), Image.BILINEAR)</c> (Pillow 9.4), locked by PillowParityTests.</para>
/// </remarks>
public sealed class ImagePipeline
{
    // 16 MB: the RGBA buffer of a 2000 × 2000 image.
    private const int MaxPooledBytes = 1 << 24;

    /// <summary>Creates a pipeline for <paramref name="spec"/> with <paramref name="limits"/> (default
    /// <see cref="ImageLimits.Default"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The spec or the limits hold unsupported values.</exception>
    public ImagePipeline(PreprocessSpec spec, ImageLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        limits ??= ImageLimits.Default;
        limits.Validate();
        Spec = spec;
        Limits = limits;
    }

    /// <summary>The preprocessing this pipeline applies.</summary>
    public PreprocessSpec Spec { get; }

    /// <summary>The input limits this pipeline enforces.</summary>
    public ImageLimits Limits { get; }

    /// <summary>Decodes and preprocesses one encoded image (the tensor is built on first access to
    /// <see cref="PreprocessedImage.Tensor"/>).</summary>
    /// <exception cref="ImageInputException">The data is empty, too large, too small, not a supported format, or
    /// corrupt (see the subclasses).</exception>
    public PreprocessedImage Process(ReadOnlySpan<byte> encoded)
    {
        var original = DecodeGray(encoded, out var format, out var meanChroma);
        return new PreprocessedImage(Spec, format, original, Resize(original)) { MeanChroma = meanChroma };
    }

    /// <summary>Reads <paramref name="stream"/> to its end (at most <c>MaxEncodedBytes + 1</c> bytes; a seekable
    /// stream that is already too long is refused without reading) and processes it. The stream is not closed.</summary>
    /// <exception cref="ImageInputException">See <see cref="Process(ReadOnlySpan{byte})"/>; oversize data gives
    /// <see cref="ImageTooLargeException"/>.</exception>
    public PreprocessedImage Process(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (buffer, length) = BoundedStreamReader.Read(stream, Limits.MaxEncodedBytes);
        try
        {
            return Process(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Processes the file at <paramref name="path"/>; its size is checked before it is read.</summary>
    /// <exception cref="ImageInputException">See <see cref="Process(ReadOnlySpan{byte})"/>.</exception>
    /// <exception cref="IOException">The file cannot be opened or read (e.g. <see cref="FileNotFoundException"/>).</exception>
    public PreprocessedImage ProcessFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Process(file);
    }

    /// <summary>Sniffs the format, enforces the limits, decodes, applies EXIF orientation and converts to 8-bit
    /// BT.601 luminance. The result has the displayed (oriented) size.</summary>
    /// <exception cref="ImageInputException">See <see cref="Process(ReadOnlySpan{byte})"/>.</exception>
    public GrayImage DecodeGray(ReadOnlySpan<byte> encoded) => DecodeGray(encoded, out _, out _);

    /// <summary>Resizes to <c>Spec.Size × Spec.Size</c>: <see cref="ResizeMode.Stretch"/> scales each axis on its own;
    /// <see cref="ResizeMode.Letterbox"/> scales the longer side to <c>Size</c>, keeps the aspect ratio (the shorter
    /// side rounds to the nearest pixel, at least 1), centers (extra pixel of odd padding goes right/bottom) and pads
    /// with 0. Always returns a new image.</summary>
    public GrayImage Resize(GrayImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var size = Spec.Size;
        var pixels = new byte[size * size];
        var (w, h) = Spec.Mode == ResizeMode.Letterbox ? LetterboxSize(image.Width, image.Height, size) : (size, size);
        var offset = (((size - h) / 2) * size) + ((size - w) / 2);
        AntialiasedResampler.Resize(image.Pixels, image.Width, image.Height, pixels, w, h, offset, size);
        return new GrayImage(size, size, pixels);
    }

    /// <summary>Writes <c>pixel / 255f</c> (values in [0, 1]) for every pixel of <paramref name="resized"/> into
    /// <paramref name="destination"/>, once per channel plane: the destination length must be
    /// <c>channels × Width × Height</c> for a whole number of channels ≥ 1 (NCHW, channels identical).</summary>
    /// <exception cref="ArgumentException">The destination length is not a positive multiple of the pixel count.</exception>
    public static void ToTensor(GrayImage resized, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(resized);
        var plane = resized.Pixels.Length;
        if (destination.Length == 0 || destination.Length % plane != 0)
        {
            throw new ArgumentException(
                $"The destination must hold channels × {resized.Width} × {resized.Height} = a multiple of {plane} floats; " +
                $"it holds {destination.Length}.", nameof(destination));
        }

        var first = destination[..plane];
        var lut = UnitScale.Table;
        var src = resized.Pixels;
        for (var i = 0; i < src.Length; i++)
        {
            first[i] = lut[src[i]];
        }

        for (var c = plane; c < destination.Length; c += plane)
        {
            first.CopyTo(destination.Slice(c, plane));
        }
    }

    /// <summary>The letterboxed content size inside a <paramref name="size"/> square.</summary>
    internal static (int Width, int Height) LetterboxSize(int width, int height, int size)
    {
        if (width == height)
        {
            return (size, size);
        }

        // Integer rounding (half up) of size × short / long: exact, no floating-point edge cases.
        return width > height
            ? (size, (int)Math.Max(1, (((long)height * size * 2) + width) / (2L * width)))
            : ((int)Math.Max(1, (((long)width * size * 2) + height) / (2L * height)), size);
    }

    private GrayImage DecodeGray(ReadOnlySpan<byte> encoded, out ImageFormat format, out double meanChroma)
    {
        meanChroma = 0;
        if (encoded.IsEmpty)
        {
            throw new EmptyImageException();
        }

        if (encoded.Length > Limits.MaxEncodedBytes)
        {
            throw new ImageTooLargeException(encoded.Length, Limits.MaxEncodedBytes);
        }

        format = ImageFormatSniffer.Detect(encoded) ?? ImageFormatSniffer.TruncatedSignature(encoded) switch
        {
            // A JPEG or PNG cut off inside its signature is a truncated image, not "plain text".
            { } truncated => throw new CorruptImageException(truncated, "TruncatedSignature"),
            null => throw new UnsupportedImageFormatException(ImageFormatSniffer.Describe(encoded)),
        };

        // A copy, so the native decoder never holds a pointer into managed memory; small next to the decode itself.
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data) ?? throw new CorruptImageException(format, "NoCodec");
        var info = codec.Info;
        var origin = codec.EncodedOrigin;
        int width = info.Width, height = info.Height;
        if (width <= 0 || height <= 0)
        {
            throw new CorruptImageException(format, "EmptyDimensions");
        }

        var swap = ExifOrientation.SwapsAxes(origin);
        if ((long)width * height > Limits.MaxPixels)
        {
            throw new ImageDimensionsTooLargeException(swap ? height : width, swap ? width : height, Limits.MaxPixels);
        }

        if (Math.Min(width, height) < Limits.MinSide)
        {
            throw new ImageTooSmallException(swap ? height : width, swap ? width : height, Limits.MinSide);
        }

        var gray = new byte[width * height];
        if (info.ColorType != SKColorType.Gray8 || !TryDecodeGray8(codec, width, height, gray, format))
        {
            meanChroma = DecodeRgbaToGray(codec, width, height, gray, format);
        }

        return ExifOrientation.Apply(gray, width, height, origin);
    }

    // Gray sources: decode straight to 8-bit gray (same values the RGBA path would give, less work).
    private static bool TryDecodeGray8(SKCodec codec, int width, int height, byte[] gray, ImageFormat format)
    {
        var result = codec.GetPixels(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque), gray);
        return result switch
        {
            SKCodecResult.Success => true,
            SKCodecResult.InvalidConversion => false,
            _ => throw new CorruptImageException(format, result.ToString()),
        };
    }

    /// <returns>The mean chroma of the decoded pixels (see <see cref="ChromaMeter"/>).</returns>
    private static double DecodeRgbaToGray(SKCodec codec, int width, int height, byte[] gray, ImageFormat format)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        // Pool the RGBA buffer for ordinary sizes; a huge one is allocated and dropped so the pool never pins it.
        var pooled = info.BytesSize <= MaxPooledBytes;
        var rgba = pooled ? ArrayPool<byte>.Shared.Rent(info.BytesSize) : GC.AllocateUninitializedArray<byte>(info.BytesSize);
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            var result = codec.GetPixels(info, handle.AddrOfPinnedObject(), info.RowBytes, SKCodecOptions.Default);
            if (result != SKCodecResult.Success)
            {
                throw new CorruptImageException(format, result.ToString());
            }

            Bt601.FromRgba(rgba.AsSpan(0, info.BytesSize), gray);
            return ChromaMeter.Mean(rgba.AsSpan(0, info.BytesSize), gray.Length);
        }
        finally
        {
            handle.Free();
            if (pooled)
            {
                ArrayPool<byte>.Shared.Return(rgba);
            }
        }
    }
}
