using System.Buffers.Binary;

namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// A forward reader over little-endian DICOM bytes. Every read and skip is checked against the bytes that remain
/// first, so a truncated file or a lying length (0xFFFFFFF0, say) is a <see cref="CorruptImageException"/> naming the
/// offset, never an out-of-range read or an allocation sized by the file.
/// </summary>
internal ref struct DicomCursor
{
    private readonly ReadOnlySpan<byte> _data;

    public DicomCursor(ReadOnlySpan<byte> data, int position = 0)
    {
        _data = data;
        Position = position;
    }

    /// <summary>The offset of the next byte, 0 … <see cref="Length"/>.</summary>
    public int Position { get; set; }

    public readonly int Length => _data.Length;

    public readonly int Remaining => _data.Length - Position;

    public readonly bool AtEnd => Position >= _data.Length;

    /// <summary>The next two bytes as a little-endian value, not consumed.</summary>
    public readonly ushort PeekUInt16()
    {
        Need(2, "element header");
        return BinaryPrimitives.ReadUInt16LittleEndian(_data[Position..]);
    }

    public ushort ReadUInt16()
    {
        Need(2, "element header");
        var value = BinaryPrimitives.ReadUInt16LittleEndian(_data[Position..]);
        Position += 2;
        return value;
    }

    public uint ReadUInt32()
    {
        Need(4, "element header");
        var value = BinaryPrimitives.ReadUInt32LittleEndian(_data[Position..]);
        Position += 4;
        return value;
    }

    /// <summary>The next <paramref name="count"/> bytes, consumed.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count, string what)
    {
        Need(count, what);
        var bytes = _data.Slice(Position, count);
        Position += count;
        return bytes;
    }

    /// <summary>Skips <paramref name="count"/> bytes (a declared length, up to 2^32 − 2).</summary>
    public void Skip(long count, string what)
    {
        Need(count, what);
        Position += (int)count;
    }

    /// <summary>Throws unless at least <paramref name="count"/> bytes remain.</summary>
    public readonly void Need(long count, string what)
    {
        if (count < 0 || count > Remaining)
        {
            throw Corrupt($"Truncated: {what} at offset {Position} needs {count} bytes, {Remaining} remain");
        }
    }

    public static CorruptImageException Corrupt(string reason) => new(ImageFormat.Dicom, reason);
}
