using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Cxr.Core.Data;
using Cxr.Core.Imaging;
using static TorchSharp.torch;

namespace Cxr.Training.Data;

/// <summary>
/// Every image of a split decoded once through <see cref="ImagePipeline"/> into one <c>uint8</c> block of
/// <c>Count × S × S</c> luminance pixels, so no JPEG is decoded inside the epoch loop. Optionally persisted to a cache file
/// keyed by the preprocessing spec and the images' SHA-256 (not their paths), so a moved data set still hits the cache.
/// </summary>
/// <remarks>With a contrast step in the spec (<see cref="PreprocessSpec.Contrast"/>) the cache also holds the resized
/// films before it (<see cref="PixelsBeforeContrast"/>): the input guard turns and inverts those and then applies the
/// step, as serving does to a turned or inverted upload. The file stores the films and the step is applied again on
/// load (it is deterministic); without a contrast step both are one array and the file is as before.</remarks>
public sealed class ImageCache
{
    private const uint Magic = 0x43585243; // "CXRC"
    private const int FormatVersion = 1;

    private ImageCache(IReadOnlyList<ImageRecord> records, PreprocessSpec spec, byte[] pixelsBeforeContrast, byte[] pixels)
    {
        Records = records;
        Spec = spec;
        PixelsBeforeContrast = pixelsBeforeContrast;
        Pixels = pixels;
        Labels = records.Select(r => (int)r.Label).ToArray();
    }

    public IReadOnlyList<ImageRecord> Records { get; }

    public PreprocessSpec Spec { get; }

    /// <summary>Row-major pixels, image i at offset <c>i·S·S</c>: the model's 8-bit input (after the spec's contrast
    /// step).</summary>
    public byte[] Pixels { get; }

    /// <summary>The same images as resized, before the spec's contrast step (the same array as <see cref="Pixels"/> when
    /// the spec has none).</summary>
    public byte[] PixelsBeforeContrast { get; }

    /// <summary>0 = NORMAL, 1 = PNEUMONIA, per image.</summary>
    public int[] Labels { get; }

    public int Count => Records.Count;

    public int Side => Spec.Size;

    /// <summary>Decodes (or loads from <paramref name="cacheDirectory"/>) every record. Progress reports images done.</summary>
    public static ImageCache Build(
        IReadOnlyList<ImageRecord> records,
        PreprocessSpec spec,
        string? cacheDirectory = null,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var key = CacheKey(records, spec);
        string? file = cacheDirectory is null ? null : Path.Combine(cacheDirectory, $"images-{spec.Size}-{key[..16]}.bin");
        if (file is not null && TryLoad(file, records, spec) is { } cached)
        {
            progress?.Report(records.Count);
            return cached;
        }

        var pipeline = new ImagePipeline(spec);
        var plane = spec.Size * spec.Size;
        var pixels = new byte[(long)records.Count * plane];
        var films = spec.Contrast.IsNone ? pixels : new byte[pixels.LongLength];
        var done = 0;
        Parallel.For(
            0,
            records.Count,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            i =>
            {
                var bytes = File.ReadAllBytes(records[i].Path);
                PreprocessedImage image;
                try
                {
                    // The serving path itself: decode, resize, contrast step.
                    image = pipeline.Process(bytes);
                }
                catch (ImageInputException ex)
                {
                    throw new InvalidDataException($"{records[i].Path}: {ex.Message}", ex);
                }

                image.Resized.Pixels.CopyTo(pixels.AsSpan(i * plane, plane));
                if (films != pixels)
                {
                    image.ResizedBeforeContrast.Pixels.CopyTo(films.AsSpan(i * plane, plane));
                }
                var n = Interlocked.Increment(ref done);
                if (n % 64 == 0 || n == records.Count)
                {
                    progress?.Report(n);
                }
            });

        var cache = new ImageCache(records, spec, films, pixels);
        if (file is not null)
        {
            cache.Save(file, key);
        }

        return cache;
    }

    /// <summary>Wraps already-decoded, resized pixels (<c>records.Count × S × S</c>), e.g. synthetic images in tests and
    /// benchmarks. They are the films before the contrast step: with one in <paramref name="spec"/>, it is applied here
    /// (to a copy), exactly as <see cref="Build"/> applies it.</summary>
    public static ImageCache FromPixels(IReadOnlyList<ImageRecord> records, PreprocessSpec spec, byte[] pixels)
    {
        if (pixels.LongLength != (long)records.Count * spec.Size * spec.Size)
        {
            throw new ArgumentException($"Expected {records.Count} × {spec.Size} × {spec.Size} pixels, got {pixels.LongLength}.", nameof(pixels));
        }

        return new ImageCache(records, spec, pixels, ApplyContrast(spec, pixels));
    }

    /// <summary>The images at <paramref name="indices"/>, in that order, as a cache of their own (pixels copied; never
    /// persisted): e.g. an ensemble member's training folds and its held-out fold, cut from one decoded block.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, <see cref="Count"/>).</exception>
    public ImageCache Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var plane = Side * Side;
        var pixels = new byte[(long)indices.Count * plane];
        var sameArray = ReferenceEquals(PixelsBeforeContrast, Pixels);
        var films = sameArray ? pixels : new byte[pixels.Length];
        var records = new ImageRecord[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            var index = indices[i];
            ArgumentOutOfRangeException.ThrowIfNegative(index, nameof(indices));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count, nameof(indices));
            records[i] = Records[index];
            Pixels.AsSpan(index * plane, plane).CopyTo(pixels.AsSpan(i * plane, plane));
            if (!sameArray)
            {
                PixelsBeforeContrast.AsSpan(index * plane, plane).CopyTo(films.AsSpan(i * plane, plane));
            }
        }

        return new ImageCache(records, Spec, films, pixels);
    }

    /// <summary>Images at <paramref name="indices"/> as a float tensor <c>[B, 1, S, S]</c> in [0, 1] (pixel / 255).</summary>
    /// <remarks>The bytes are gathered in C#, the conversion to float runs in libtorch (vectorised, multi-threaded);
    /// float32 division by 255 gives the same values as the serving path's <c>pixel / 255f</c>.</remarks>
    public Tensor Batch(ReadOnlySpan<int> indices)
    {
        var plane = Side * Side;
        var data = new byte[indices.Length * plane];
        for (var b = 0; b < indices.Length; b++)
        {
            Pixels.AsSpan(indices[b] * plane, plane).CopyTo(data.AsSpan(b * plane, plane));
        }

        using var bytes = tensor(data, [indices.Length, 1, Side, Side]);
        return bytes.to_type(ScalarType.Float32).div_(255f);
    }

    /// <summary>Labels at <paramref name="indices"/> as float <c>[B]</c>.</summary>
    public Tensor LabelBatch(ReadOnlySpan<int> indices)
    {
        var data = new float[indices.Length];
        for (var b = 0; b < indices.Length; b++)
        {
            data[b] = Labels[indices[b]];
        }

        return tensor(data);
    }

    internal static string CacheKey(IReadOnlyList<ImageRecord> records, PreprocessSpec spec)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"v{FormatVersion}|{spec.ToJson()}\n"));
        foreach (var r in records)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{r.Sha256}|{(int)r.Label}\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The spec's contrast step applied to every image of <paramref name="films"/> (a new array), or
    /// <paramref name="films"/> itself when the spec has none.</summary>
    private static byte[] ApplyContrast(PreprocessSpec spec, byte[] films)
    {
        if (spec.Contrast.IsNone)
        {
            return films;
        }

        var plane = spec.Size * spec.Size;
        var pixels = new byte[films.LongLength];
        Parallel.For(0, (int)(films.LongLength / plane), i =>
            spec.Contrast.Apply(films.AsSpan(i * plane, plane), pixels.AsSpan(i * plane, plane), spec.Size, spec.Size));
        return pixels;
    }

    private void Save(string file, string key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var temp = file + ".tmp";
        using (var stream = File.Create(temp))
        {
            Span<byte> header = stackalloc byte[16];
            BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
            BinaryPrimitives.WriteInt32LittleEndian(header[4..], FormatVersion);
            BinaryPrimitives.WriteInt32LittleEndian(header[8..], Count);
            BinaryPrimitives.WriteInt32LittleEndian(header[12..], Side);
            stream.Write(header);
            stream.Write(Encoding.ASCII.GetBytes(key));
            stream.Write(PixelsBeforeContrast);
        }

        File.Move(temp, file, overwrite: true);
    }

    private static ImageCache? TryLoad(string file, IReadOnlyList<ImageRecord> records, PreprocessSpec spec)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(file);
            Span<byte> header = stackalloc byte[16 + 64];
            stream.ReadExactly(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic
                || BinaryPrimitives.ReadInt32LittleEndian(header[4..]) != FormatVersion
                || BinaryPrimitives.ReadInt32LittleEndian(header[8..]) != records.Count
                || BinaryPrimitives.ReadInt32LittleEndian(header[12..]) != spec.Size
                || Encoding.ASCII.GetString(header[16..]) != CacheKey(records, spec))
            {
                return null;
            }

            var films = new byte[(long)records.Count * spec.Size * spec.Size];
            stream.ReadExactly(films);
            return new ImageCache(records, spec, films, ApplyContrast(spec, films));
        }
        catch (IOException)
        {
            // A truncated or unreadable cache is rebuilt, never trusted.
            return null;
        }
    }
}
