using System.Buffers;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace Cxr.Core.Imaging;

/// <summary>
/// The only code that turns encoded image bytes into model input, for training and for serving:
/// sniff format → check byte limit → read header → check pixel and side limits → decode (SkiaSharp
/// <see cref="SKCodec"/>; DICOM: <see cref="Dicom.DicomDecoder"/>, through the DICOM grayscale display chain) → 8-bit BT.601 luminance → EXIF orientation → the spec's border trim
/// (<see cref="PreprocessSpec.Trim"/>; none by default) → antialiased resize to <c>Size × Size</c> → the
/// spec's contrast step (<see cref="PreprocessSpec.Contrast"/>; none by default) → <c>pixel / 255f</c>.
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

    // About 1 MP per decoded band: a 25 MP film is decoded in 25 steps of roughly 10-35 ms on this project's 2-core
    // machine, so a cancelled request stops within one step; the per-band overhead is a few native calls.
    private const int BandPixels = 1 << 20;

    // 16 kB of PNG or GIF data per incremental step: even at deflate's best ratio (about 1000:1) that is at most ~16 MP
    // of rows, ~20-40 ms; a 20 MB file takes ~1,250 steps, whose overhead (a few native calls each) is a few ms.
    private const int IncrementalStepBytes = 16 * 1024;

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
    public PreprocessedImage Process(ReadOnlySpan<byte> encoded) => Process(encoded, CancellationToken.None);

    /// <summary>As <see cref="Process(ReadOnlySpan{byte})"/>, stopping with <see cref="OperationCanceledException"/>
    /// soon after <paramref name="cancellationToken"/> is cancelled: it is checked between steps while decoding (bands of
    /// about 1 MP for JPEG and BMP, 16 kB of data for PNG and GIF; WebP decodes in one native call and is checked before
    /// and after it), and between rows while orienting and resizing.</summary>
    /// <exception cref="ImageInputException">See <see cref="Process(ReadOnlySpan{byte})"/>.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public PreprocessedImage Process(ReadOnlySpan<byte> encoded, CancellationToken cancellationToken)
    {
        var original = DecodeGray(encoded, out var format, out var meanChroma, out var dicomHeader, cancellationToken);
        return Preprocess(original, format, meanChroma, cancellationToken, dicomHeader);
    }

    /// <summary>Preprocesses an image that is already decoded to 8-bit gray, e.g. a film changed on purpose to measure
    /// robustness (<see cref="Perturbations.FilmPerturbation"/>): the same resize, contrast step and scaling that
    /// <see cref="Process(ReadOnlySpan{byte})"/> applies after decoding, so the model sees it exactly as it would see
    /// that film uploaded as a lossless file. <paramref name="format"/> is recorded as the source format.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public PreprocessedImage Process(GrayImage decoded, ImageFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        return Preprocess(decoded, format, 0, cancellationToken);
    }

    /// <summary>Reads <paramref name="stream"/> to its end (at most <c>MaxEncodedBytes + 1</c> bytes; a seekable
    /// stream that is already too long is refused without reading) and processes it. The stream is not closed.</summary>
    /// <exception cref="ImageInputException">See <see cref="Process(ReadOnlySpan{byte})"/>; oversize data gives
    /// <see cref="ImageTooLargeException"/>.</exception>
    public PreprocessedImage Process(Stream stream) => Process(stream, CancellationToken.None);

    /// <summary>As <see cref="Process(Stream)"/>, stopping soon after <paramref name="cancellationToken"/> is cancelled
    /// (see <see cref="Process(ReadOnlySpan{byte}, CancellationToken)"/>).</summary>
    /// <exception cref="ImageInputException">See <see cref="Process(Stream)"/>.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public PreprocessedImage Process(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (buffer, length) = BoundedStreamReader.Read(stream, Limits.MaxEncodedBytes);
        try
        {
            return Process(buffer.AsSpan(0, length), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Processes the file at <paramref name="path"/>; its size is checked before it is read.</summary>
    /// <exception cref="ImageInputException">See <see cref="Process(ReadOnlySpan{byte})"/>.</exception>
    /// <exception cref="IOException">The file cannot be opened or read (e.g. <see cref="FileNotFoundException"/>).</exception>
    public PreprocessedImage ProcessFile(string path) => ProcessFile(path, CancellationToken.None);

    /// <summary>As <see cref="ProcessFile(string)"/>, stopping soon after <paramref name="cancellationToken"/> is
    /// cancelled (see <see cref="Process(ReadOnlySpan{byte}, CancellationToken)"/>).</summary>
    /// <exception cref="ImageInputException">See <see cref="Process(ReadOnlySpan{byte})"/>.</exception>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public PreprocessedImage ProcessFile(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Process(file, cancellationToken);
    }

    /// <summary>Sniffs the format, enforces the limits, decodes, applies EXIF orientation and converts to 8-bit
    /// BT.601 luminance. The result has the displayed (oriented) size.</summary>
    /// <exception cref="ImageInputException">See <see cref="Process(ReadOnlySpan{byte})"/>.</exception>
    public GrayImage DecodeGray(ReadOnlySpan<byte> encoded) => DecodeGray(encoded, out _, out _, out _, CancellationToken.None);

    /// <summary>Trims the border (when the spec has a trim), resizes to <c>Spec.Size × Spec.Size</c> and applies the spec's
    /// contrast step: the model's 8-bit input,
    /// the same as <see cref="PreprocessedImage.Resized"/>. <see cref="ResizeMode.Stretch"/> scales each axis on its own;
    /// <see cref="ResizeMode.Letterbox"/> scales the longer side to <c>Size</c>, keeps the aspect ratio (the shorter
    /// side rounds to the nearest pixel, at least 1), centers (extra pixel of odd padding goes right/bottom) and pads
    /// with 0. Always returns a new image.</summary>
    public GrayImage Resize(GrayImage image) => Resize(image, CancellationToken.None);

    /// <summary>As <see cref="Resize(GrayImage)"/>, checking <paramref name="cancellationToken"/> between rows.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public GrayImage Resize(GrayImage image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var film = ResizeFilm(Spec.Trim.Apply(image), cancellationToken);
        if (!Spec.Contrast.IsNone)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        return Spec.Contrast.Apply(film);
    }

    /// <summary>The resize alone (the film as resized, before the contrast step).</summary>
    private GrayImage ResizeFilm(GrayImage image, CancellationToken cancellationToken)
    {
        var size = Spec.Size;
        var pixels = new byte[size * size];
        var (w, h) = Spec.Mode == ResizeMode.Letterbox ? LetterboxSize(image.Width, image.Height, size) : (size, size);
        var offset = (((size - h) / 2) * size) + ((size - w) / 2);
        AntialiasedResampler.Resize(image.Pixels, image.Width, image.Height, pixels, w, h, offset, size, cancellationToken);
        return new GrayImage(size, size, pixels);
    }

    // Every path to the model's input goes through here: the border trim, the resize, then the contrast step on the
    // resized film.
    private PreprocessedImage Preprocess(GrayImage original, ImageFormat format, double meanChroma, CancellationToken cancellationToken, Dicom.DicomHeader? dicomHeader = null)
    {
        var framed = Spec.Trim.Apply(original);
        var film = ResizeFilm(framed, cancellationToken);
        if (!Spec.Contrast.IsNone)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        return new PreprocessedImage(Spec, format, original, framed, film, Spec.Contrast.Apply(film)) { MeanChroma = meanChroma, DicomHeader = dicomHeader };
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

    private GrayImage DecodeGray(ReadOnlySpan<byte> encoded, out ImageFormat format, out double meanChroma, out Dicom.DicomHeader? dicomHeader, CancellationToken cancellationToken)
    {
        meanChroma = 0;
        dicomHeader = null;
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

        cancellationToken.ThrowIfCancellationRequested();
        if (format == ImageFormat.Dicom)
        {
            // Our own decoder, in managed code: it reads the span in place, applies the same limits from the header, and
            // renders to 8-bit gray through the DICOM display chain (no EXIF orientation: DICOM has none).
            var gray = Dicom.DicomDecoder.DecodeGray(encoded, Limits, out meanChroma, out var header, cancellationToken);
            dicomHeader = header;
            return gray;
        }

        // A copy, so the native decoder never holds a pointer into memory the caller may reuse; small next to the decode
        // itself. PNG: the copy leaves out the chunks that would make libpng slow (see PngChunkFilter). PNG and GIF are
        // read through a GatedStream so that they can be decoded step by step (see DecodeRows).
        byte[]? copy = null;
        SKData? data = null;
        SKCodec? codec = null;
        try
        {
            GatedStream? gate = null;
            if (format is ImageFormat.Png or ImageFormat.Gif)
            {
                if (format != ImageFormat.Png || !PngChunkFilter.TryFilter(encoded, out copy, out var length))
                {
                    copy = ArrayPool<byte>.Shared.Rent(encoded.Length);
                    encoded.CopyTo(copy);
                    length = encoded.Length;
                }

                gate = new GatedStream(copy!, length);
                codec = CreateGated(gate);
            }
            else
            {
                data = SKData.CreateCopy(encoded);
                codec = SKCodec.Create(data);
            }

            return DecodeGray(codec ?? throw new CorruptImageException(format, "NoCodec"), gate, format, out meanChroma, cancellationToken);
        }
        finally
        {
            codec?.Dispose();
            data?.Dispose();
            if (copy is not null)
            {
                // Cleared: image bytes do not linger in the shared pool (uploads are medical images).
                ArrayPool<byte>.Shared.Return(copy, clearArray: true);
            }
        }
    }

    /// <summary>Creates the codec from as little of the data as its header needs: the gate opens at
    /// <see cref="IncrementalStepBytes"/> × 4 and doubles while the header is incomplete (so the total work stays
    /// linear). Skia's GIF reader would otherwise take in the whole file at creation and then decode it in one step.</summary>
    private static SKCodec? CreateGated(GatedStream gate)
    {
        gate.Limit = Math.Min(gate.Length, IncrementalStepBytes * 4L);
        while (true)
        {
            gate.Position = 0;
#pragma warning disable CA2000 // Ownership transfer: SKCodec.Create owns the stream (disposed with the codec, or at once when it returns null).
            var codec = SKCodec.Create(new SKManagedStream(gate, disposeManagedStream: false), out var result);
#pragma warning restore CA2000
            if (codec is not null || result != SKCodecResult.IncompleteInput || gate.IsOpen)
            {
                return codec;
            }

            gate.Limit = Math.Min(gate.Length, gate.Limit * 2);
        }
    }

    private GrayImage DecodeGray(SKCodec codec, GatedStream? gate, ImageFormat format, out double meanChroma, CancellationToken cancellationToken)
    {
        meanChroma = 0;
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
        if (info.ColorType != SKColorType.Gray8 || !TryDecodeGray8(codec, gate, width, height, gray, format, cancellationToken))
        {
            meanChroma = DecodeRgbaToGray(codec, gate, width, height, gray, format, cancellationToken);
        }

        return ExifOrientation.Apply(gray, width, height, origin, cancellationToken);
    }

    /// <summary>Decodes all rows into <paramref name="pixels"/> (<paramref name="info"/>'s layout, row-major) with
    /// cancellation checks along the way: PNG and GIF (read through <paramref name="gate"/>) incrementally, letting in
    /// <see cref="IncrementalStepBytes"/> more encoded bytes per step; JPEG and BMP as scanlines, in bands of about
    /// <see cref="BandPixels"/> pixels; WebP in one call (Skia decodes it no other way). Every way gives the same pixels
    /// as one <see cref="SKCodec.GetPixels(SKImageInfo, IntPtr)"/> call.</summary>
    /// <returns>The decoder's result: <see cref="SKCodecResult.Success"/>, <see cref="SKCodecResult.InvalidConversion"/>
    /// (the codec cannot produce this colour type), or the failure (<see cref="SKCodecResult.IncompleteInput"/> when
    /// rows are missing).</returns>
    internal static SKCodecResult DecodeRows(SKCodec codec, GatedStream? gate, SKImageInfo info, IntPtr pixels, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (gate is not null)
        {
            var incremental = codec.StartIncrementalDecode(info, pixels, info.RowBytes);
            if (incremental != SKCodecResult.Unimplemented)
            {
                return incremental == SKCodecResult.Success ? DecodeIncrementally(codec, gate, cancellationToken) : incremental;
            }

            gate.Limit = gate.Length;
            return DecodeWhole(codec, info, pixels, cancellationToken);
        }

        var started = codec.StartScanlineDecode(info);
        if (started == SKCodecResult.Unimplemented)
        {
            return DecodeWhole(codec, info, pixels, cancellationToken);
        }

        if (started != SKCodecResult.Success)
        {
            return started;
        }

        // A bottom-up BMP yields its bottom row first, and Skia writes each call's rows bottom-up into the rows it is
        // given: so band k (rows y .. y + rows − 1 counted from the bottom) goes to the window ending rows y above the bottom.
        var bottomUp = codec.ScanlineOrder == SKCodecScanlineOrder.BottomUp;
        var band = Math.Max(1, BandPixels / info.Width);
        for (var y = 0; y < info.Height; y += band)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = Math.Min(band, info.Height - y);
            var firstRow = bottomUp ? info.Height - y - rows : y;
            if (codec.GetScanlines(pixels + (nint)((long)firstRow * info.RowBytes), rows, info.RowBytes) != rows)
            {
                return SKCodecResult.IncompleteInput;
            }
        }

        return SKCodecResult.Success;
    }

    private static SKCodecResult DecodeIncrementally(SKCodec codec, GatedStream gate, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            gate.Limit = Math.Min(gate.Length, gate.Limit + IncrementalStepBytes);
            var result = codec.IncrementalDecode(out _);
            if (result != SKCodecResult.IncompleteInput)
            {
                return result;
            }

            if (gate.IsOpen)
            {
                // All the data was there and rows are still missing: truncated.
                return result;
            }
        }
    }

    private static SKCodecResult DecodeWhole(SKCodec codec, SKImageInfo info, IntPtr pixels, CancellationToken cancellationToken)
    {
        var result = codec.GetPixels(info, pixels, info.RowBytes, SKCodecOptions.Default);
        cancellationToken.ThrowIfCancellationRequested();
        return result;
    }

    // Gray sources: decode straight to 8-bit gray (same values the RGBA path would give, less work).
    private static bool TryDecodeGray8(SKCodec codec, GatedStream? gate, int width, int height, byte[] gray, ImageFormat format, CancellationToken cancellationToken)
    {
        var handle = GCHandle.Alloc(gray, GCHandleType.Pinned);
        try
        {
            var result = DecodeRows(codec, gate, new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque), handle.AddrOfPinnedObject(), cancellationToken);
            return result switch
            {
                SKCodecResult.Success => true,
                SKCodecResult.InvalidConversion => false,
                _ => throw new CorruptImageException(format, result.ToString()),
            };
        }
        finally
        {
            handle.Free();
        }
    }

    /// <returns>The mean chroma of the decoded pixels (see <see cref="ChromaMeter"/>).</returns>
    private static double DecodeRgbaToGray(SKCodec codec, GatedStream? gate, int width, int height, byte[] gray, ImageFormat format, CancellationToken cancellationToken)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        // Pool the RGBA buffer for ordinary sizes; a huge one is allocated and dropped so the pool never pins it.
        var pooled = info.BytesSize <= MaxPooledBytes;
        var rgba = pooled ? ArrayPool<byte>.Shared.Rent(info.BytesSize) : GC.AllocateUninitializedArray<byte>(info.BytesSize);
        var handle = GCHandle.Alloc(rgba, GCHandleType.Pinned);
        try
        {
            var result = DecodeRows(codec, gate, info, handle.AddrOfPinnedObject(), cancellationToken);
            if (result != SKCodecResult.Success)
            {
                throw new CorruptImageException(format, result.ToString());
            }

            Bt601.FromRgba(rgba.AsSpan(0, info.BytesSize), gray);
            cancellationToken.ThrowIfCancellationRequested();
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
