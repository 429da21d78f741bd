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
public sealed class ImageCache
{
    private const uint Magic = 0x43585243; // "CXRC"
    private const int FormatVersion = 1;

    private ImageCache(IReadOnlyList<ImageRecord> records, PreprocessSpec spec, byte[] pixels)
    {
        Records = records;
        Spec = spec;
        Pixels = pixels;
        Labels = records.Select(r => (int)r.Label).ToArray();
    }

    public IReadOnlyList<ImageRecord> Records { get; }

    public PreprocessSpec Spec { get; }

    /// <summary>Row-major pixels, image i at offset <c>i·S·S</c>.</summary>
    public byte[] Pixels { get; }

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
        var done = 0;
        Parallel.For(
            0,
            records.Count,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            i =>
            {
                var bytes = File.ReadAllBytes(records[i].Path);
                GrayImage resized;
                try
                {
                    resized = pipeline.Resize(pipeline.DecodeGray(bytes));
                }
                catch (ImageInputException ex)
                {
                    throw new InvalidDataException($"{records[i].Path}: {ex.Message}", ex);
                }

                resized.Pixels.CopyTo(pixels.AsSpan(i * plane, plane));
                var n = Interlocked.Increment(ref done);
                if (n % 64 == 0 || n == records.Count)
                {
                    progress?.Report(n);
                }
            });

        var cache = new ImageCache(records, spec, pixels);
        if (file is not null)
        {
            cache.Save(file, key);
        }

        return cache;
    }

    /// <summary>Wraps already-decoded pixels (<c>records.Count × S × S</c>), e.g. synthetic images in tests and benchmarks.</summary>
    public static ImageCache FromPixels(IReadOnlyList<ImageRecord> records, PreprocessSpec spec, byte[] pixels)
    {
        if (pixels.LongLength != (long)records.Count * spec.Size * spec.Size)
        {
            throw new ArgumentException($"Expected {records.Count} × {spec.Size} × {spec.Size} pixels, got {pixels.LongLength}.", nameof(pixels));
        }

        return new ImageCache(records, spec, pixels);
    }

    /// <summary>The images at <paramref name="indices"/>, in that order, as a cache of their own (pixels copied; never
    /// persisted): e.g. an ensemble member's training folds and its held-out fold, cut from one decoded block.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, <see cref="Count"/>).</exception>
    public ImageCache Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var plane = Side * Side;
        var pixels = new byte[(long)indices.Count * plane];
        var records = new ImageRecord[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            var index = indices[i];
            ArgumentOutOfRangeException.ThrowIfNegative(index, nameof(indices));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count, nameof(indices));
            records[i] = Records[index];
            Pixels.AsSpan(index * plane, plane).CopyTo(pixels.AsSpan(i * plane, plane));
        }

        return new ImageCache(records, Spec, pixels);
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
            stream.Write(Pixels);
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

            var pixels = new byte[(long)records.Count * spec.Size * spec.Size];
            stream.ReadExactly(pixels);
            return new ImageCache(records, spec, pixels);
        }
        catch (IOException)
        {
            // A truncated or unreadable cache is rebuilt, never trusted.
            return null;
        }
    }
}
