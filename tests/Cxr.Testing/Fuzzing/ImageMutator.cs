using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Cxr.Testing.Fuzzing;

/// <summary>
/// Seeded mutation fuzzer over a <see cref="FuzzCorpus"/>: case <c>i</c> of seed <c>s</c> is always the same bytes
/// (its own <see cref="Random"/> is seeded from both), so any failing case can be rebuilt alone. Each case applies one
/// to three mutations to one seed image: bit flips (half of them in the first kilobyte, where the headers are), bytes
/// set to boundary values, truncation (often inside the headers, down to 0 bytes), splices of two seed images, deleted
/// or duplicated ranges, filled ranges, trailing garbage, and header-aware edits of the declared width and height (JPEG
/// SOF, PNG IHDR with its CRC fixed). A third of the mutated PNGs get every chunk CRC recomputed, so the damage
/// reaches the inflater and the filters instead of stopping at the CRC check.
/// </summary>
public sealed class ImageMutator(FuzzCorpus corpus, int seed)
{
    private const int HeaderWindow = 1024;

    private static readonly byte[] BoundaryBytes = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF];

    private static readonly HashSet<(char, char)> LongDicomVrs = [('O', 'B'), ('O', 'W'), ('S', 'Q'), ('U', 'N'), ('U', 'T'), ('O', 'F')];

    private static readonly HashSet<(char, char)> DicomVrs =
        [.. LongDicomVrs, ('U', 'I'), ('C', 'S'), ('U', 'S'), ('L', 'O'), ('D', 'S'), ('I', 'S'), ('P', 'N'), ('A', 'S'), ('U', 'L')];

    /// <summary>The run's seed.</summary>
    public int Seed => seed;

    /// <summary>Builds case <paramref name="index"/> (deterministic for this corpus and seed).</summary>
    public FuzzCase Create(int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var source = corpus.Seeds[random.Next(corpus.Seeds.Count)];
        var data = source.Data.ToArray();
        var description = new StringBuilder(source.Name);
        var roll = random.Next(10);
        var mutations = roll < 7 ? 1 : roll < 9 ? 2 : 3;
        for (var m = 0; m < mutations; m++)
        {
            description.Append(' ');
            data = Mutate(random, data, source, description);
        }

        if (source.IsPng && data.Length > 8 && random.Next(3) == 0)
        {
            PngCrc.FixAll(data);
            description.Append(" crc-fixed");
        }

        return new FuzzCase(index, data, description.ToString());
    }

    /// <summary>One format-blind mutation of <paramref name="data"/> (flip, set, truncate, delete, duplicate or fill),
    /// for bytes that are not an image, such as a whole multipart request body; appends what it did to
    /// <paramref name="description"/>. May return <paramref name="data"/> itself, changed in place.</summary>
    public static byte[] MutateBytes(Random random, byte[] data, StringBuilder description)
    {
        if (data.Length == 0)
        {
            description.Append("(empty)");
            return data;
        }

        return random.Next(6) switch
        {
            0 => FlipBits(random, data, description),
            1 => SetBoundaryBytes(random, data, description),
            2 => Truncate(random, data, description),
            3 => DeleteRange(random, data, description),
            4 => DuplicateRange(random, data, description),
            _ => FillRange(random, data, description),
        };
    }

    private byte[] Mutate(Random random, byte[] data, FuzzSeed source, StringBuilder description)
    {
        if (data.Length == 0)
        {
            description.Append("(empty)");
            return data;
        }

        switch (random.Next(100))
        {
            case < 30:
                return FlipBits(random, data, description);
            case < 40:
                return SetBoundaryBytes(random, data, description);
            case < 55:
                return Truncate(random, data, description);
            case < 65:
                return Splice(random, data, description);
            case < 72:
                return DeleteRange(random, data, description);
            case < 78:
                return DuplicateRange(random, data, description);
            case < 83:
                return FillRange(random, data, description);
            case < 87:
                return AppendGarbage(random, data, description);
            default:
                return source.IsDicom ? SetDicomLength(random, data, description)
                    : source.IsPng ? SetPngDimensions(random, data, description) : SetJpegDimensions(random, data, description);
        }
    }

    /// <summary>Rewrites the declared length of one explicit-VR element (found by its two VR letters after the 132-byte
    /// preamble and prefix) to a boundary value: 0, 1, odd, just past the end, 0xFFFFFFF0 (4 GB), undefined, or the
    /// 16-bit maximum. Falls back to a bit flip when no element is found (an implicit-VR or already broken file).</summary>
    private static byte[] SetDicomLength(Random random, byte[] data, StringBuilder description)
    {
        var elements = new List<(int At, bool Long)>();
        for (var i = 132; i + 12 <= data.Length && elements.Count < 256; i++)
        {
            var vr = ((char)data[i + 4], (char)data[i + 5]);
            if (DicomVrs.Contains(vr))
            {
                elements.Add((i, LongDicomVrs.Contains(vr)));
            }
        }

        if (elements.Count == 0)
        {
            return FlipBits(random, data, description);
        }

        var (at, isLong) = elements[random.Next(elements.Count)];
        var remaining = (uint)(data.Length - at);
        uint[] choices = isLong ? [0, 1, 3, remaining, remaining + 1, 0xFFFF_FFF0, 0xFFFF_FFFF, 0x7FFF_FFFF] : [0, 1, 3, 0xFFFF, Math.Min(remaining, 0xFFFF)];
        var length = choices[random.Next(choices.Length)];
        if (isLong)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(at + 8), length);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(at + 6), (ushort)length);
        }

        description.Append(CultureInfo.InvariantCulture, $"dicom-length@{at}={length:X}");
        return data;
    }

    private static int Position(Random random, int length) =>
        random.Next(2) == 0 ? random.Next(Math.Min(length, HeaderWindow)) : random.Next(length);

    private static byte[] FlipBits(Random random, byte[] data, StringBuilder description)
    {
        var count = random.Next(1, 9);
        description.Append(CultureInfo.InvariantCulture, $"flip×{count}");
        for (var i = 0; i < count; i++)
        {
            var at = Position(random, data.Length);
            data[at] ^= (byte)(1 << random.Next(8));
            description.Append(CultureInfo.InvariantCulture, $"@{at}");
        }

        return data;
    }

    private static byte[] SetBoundaryBytes(Random random, byte[] data, StringBuilder description)
    {
        var count = random.Next(1, 5);
        description.Append("set");
        for (var i = 0; i < count; i++)
        {
            var at = Position(random, data.Length);
            data[at] = BoundaryBytes[random.Next(BoundaryBytes.Length)];
            description.Append(CultureInfo.InvariantCulture, $"@{at}={data[at]:X2}");
        }

        return data;
    }

    private static byte[] Truncate(Random random, byte[] data, StringBuilder description)
    {
        var length = random.Next(5) < 2 ? random.Next(Math.Min(data.Length, HeaderWindow)) : random.Next(data.Length);
        description.Append(CultureInfo.InvariantCulture, $"truncate@{length}");
        return data[..length];
    }

    private byte[] Splice(Random random, byte[] data, StringBuilder description)
    {
        var other = corpus.Seeds[random.Next(corpus.Seeds.Count)];
        var cut = random.Next(data.Length + 1);
        var from = random.Next(other.Data.Length + 1);
        description.Append(CultureInfo.InvariantCulture, $"splice@{cut}+{other.Name}@{from}");
        return [.. data.AsSpan(0, cut), .. other.Data.AsSpan(from)];
    }

    private static byte[] DeleteRange(Random random, byte[] data, StringBuilder description)
    {
        var start = Position(random, data.Length);
        var length = random.Next(1, Math.Min(1024, data.Length - start) + 1);
        description.Append(CultureInfo.InvariantCulture, $"delete@{start}+{length}");
        return [.. data.AsSpan(0, start), .. data.AsSpan(start + length)];
    }

    private static byte[] DuplicateRange(Random random, byte[] data, StringBuilder description)
    {
        var start = random.Next(data.Length);
        var length = random.Next(1, Math.Min(4096, data.Length - start) + 1);
        var at = Position(random, data.Length + 1);
        var times = random.Next(1, 4);
        description.Append(CultureInfo.InvariantCulture, $"duplicate@{start}+{length}×{times}→{at}");
        var result = new List<byte>(data.Length + (length * times));
        result.AddRange(data.AsSpan(0, at));
        for (var t = 0; t < times; t++)
        {
            result.AddRange(data.AsSpan(start, length));
        }

        result.AddRange(data.AsSpan(at));
        return [.. result];
    }

    private static byte[] FillRange(Random random, byte[] data, StringBuilder description)
    {
        var start = Position(random, data.Length);
        var length = random.Next(1, data.Length - start + 1);
        var value = random.Next(2) == 0 ? (byte)0x00 : (byte)0xFF;
        description.Append(CultureInfo.InvariantCulture, $"fill@{start}+{length}={value:X2}");
        data.AsSpan(start, length).Fill(value);
        return data;
    }

    private static byte[] AppendGarbage(Random random, byte[] data, StringBuilder description)
    {
        var garbage = new byte[random.Next(1, 4097)];
        random.NextBytes(garbage);
        description.Append(CultureInfo.InvariantCulture, $"append+{garbage.Length}");
        return [.. data, .. garbage];
    }

    private static byte[] SetJpegDimensions(Random random, byte[] data, StringBuilder description)
    {
        // SOF0..SOF3: FF Cn, length (2), precision (1), height (2), width (2).
        for (var i = 2; i + 9 <= data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] is >= 0xC0 and <= 0xC3)
            {
                var height = Dimension(random, ushort.MaxValue);
                var width = Dimension(random, ushort.MaxValue);
                BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(i + 7), (ushort)width);
                description.Append(CultureInfo.InvariantCulture, $"sof={width}x{height}");
                return data;
            }
        }

        return FlipBits(random, data, description);
    }

    private static byte[] SetPngDimensions(Random random, byte[] data, StringBuilder description)
    {
        // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4), ..., CRC after the 13 data bytes.
        if (data.Length < 33 || !data.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            return FlipBits(random, data, description);
        }

        var width = Dimension(random, int.MaxValue);
        var height = Dimension(random, int.MaxValue);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(16), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(20), (uint)height);
        PngCrc.Fix(data, chunkStart: 8);
        description.Append(CultureInfo.InvariantCulture, $"ihdr={width}x{height}");
        return data;
    }

    // Declared sizes that exercise every branch: zero, tiny, plausible, just over the pixel limit, huge.
    private static int Dimension(Random random, int max) => random.Next(7) switch
    {
        0 => 0,
        1 => random.Next(1, 8),
        2 => random.Next(8, 512),
        3 => random.Next(512, 8192),
        4 => random.Next(8192, 20_000),
        5 => max,
        _ => random.Next(1, max),
    };
}
