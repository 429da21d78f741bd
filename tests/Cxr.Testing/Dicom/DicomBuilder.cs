using System.Buffers.Binary;
using System.Text;

namespace Cxr.Testing.Dicom;

/// <summary>
/// Writes small DICOM Part 10 files byte by byte for parser tests: the preamble and <c>DICM</c> (optional), a group 0002
/// meta header in Explicit VR Little Endian naming <see cref="TransferSyntaxUid"/>, then the elements added, in the
/// order added, in implicit or explicit VR little endian (big endian and deflate are not written here: DCMTK writes
/// those in the fixture tests). <see cref="Element"/> and friends return raw element bytes for hand-made sequences.
/// </summary>
public sealed class DicomBuilder
{
    public const string ExplicitLittle = "1.2.840.10008.1.2.1";
    public const string ImplicitLittle = "1.2.840.10008.1.2";
    public const string ExplicitBig = "1.2.840.10008.1.2.2";
    public const string Rle = "1.2.840.10008.1.2.5";
    public const string JpegBaseline = "1.2.840.10008.1.2.4.50";

    private static readonly string[] LongVrs = ["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"];

    private readonly List<byte> _body = [];

    public DicomBuilder(string transferSyntaxUid = ExplicitLittle, bool preamble = true)
    {
        TransferSyntaxUid = transferSyntaxUid;
        Preamble = preamble;
    }

    public string TransferSyntaxUid { get; }

    public bool Preamble { get; }

    public bool ExplicitVr => TransferSyntaxUid != ImplicitLittle;

    /// <summary>Appends an element with <paramref name="value"/> (padded to even length as PS3.5 requires, with a space for
    /// text VRs and NUL otherwise, unless <paramref name="pad"/> is false).</summary>
    public DicomBuilder Add(ushort group, ushort element, string vr, ReadOnlySpan<byte> value, bool pad = true)
    {
        _body.AddRange(Element(ExplicitVr, group, element, vr, value, pad));
        return this;
    }

    public DicomBuilder Text(ushort group, ushort element, string vr, string text) => Add(group, element, vr, Encoding.Latin1.GetBytes(text));

    public DicomBuilder Us(ushort group, ushort element, params ushort[] values)
    {
        var bytes = new byte[2 * values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2 * i), values[i]);
        }

        return Add(group, element, "US", bytes);
    }

    /// <summary>Appends bytes as they are (a hand-made sequence, a broken element).</summary>
    public DicomBuilder Raw(ReadOnlySpan<byte> bytes)
    {
        _body.AddRange(bytes);
        return this;
    }

    /// <summary>The image pixel module for one frame (MONOCHROME2 unless told), without the pixel data.</summary>
    public DicomBuilder PixelModule(int rows, int columns, int bitsAllocated = 8, int bitsStored = 0, bool isSigned = false,
        string photometric = "MONOCHROME2", int samples = 1)
    {
        bitsStored = bitsStored == 0 ? bitsAllocated : bitsStored;
        Us(0x0028, 0x0002, (ushort)samples);
        Text(0x0028, 0x0004, "CS", photometric);
        Us(0x0028, 0x0010, (ushort)rows);
        Us(0x0028, 0x0011, (ushort)columns);
        Us(0x0028, 0x0100, (ushort)bitsAllocated);
        Us(0x0028, 0x0101, (ushort)bitsStored);
        Us(0x0028, 0x0102, (ushort)(bitsStored - 1));
        return Us(0x0028, 0x0103, (ushort)(isSigned ? 1 : 0));
    }

    /// <summary>Native pixel data (OW when 16-bit samples are expected, else OB).</summary>
    public DicomBuilder PixelData(ReadOnlySpan<byte> pixels, string vr = "OB") => Add(0x7FE0, 0x0010, vr, pixels);

    /// <summary>Encapsulated pixel data: an empty basic offset table (or the one given), the fragments, the delimiter.</summary>
    public DicomBuilder EncapsulatedPixelData(IEnumerable<byte[]> fragments, byte[]? offsetTable = null)
    {
        var header = new byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, 0x7FE0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), 0x0010);
        "OB"u8.CopyTo(header.AsSpan(4));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), 0xFFFFFFFF);
        _body.AddRange(header);
        _body.AddRange(Item(offsetTable ?? []));
        foreach (var f in fragments)
        {
            _body.AddRange(Item(f));
        }

        _body.AddRange(Tag(0xFFFE, 0xE0DD, 0));
        return this;
    }

    public byte[] Build()
    {
        var meta = new MemoryStream();
        var uid = Encoding.ASCII.GetBytes(TransferSyntaxUid);
        var metaBody = new MemoryStream();
        metaBody.Write(Element(true, 0x0002, 0x0001, "OB", [0, 1], false));
        metaBody.Write(Element(true, 0x0002, 0x0010, "UI", uid, true, (byte)0));
        meta.Write(Element(true, 0x0002, 0x0000, "UL", BitConverter.GetBytes((uint)metaBody.Length), false));
        meta.Write(metaBody.ToArray());
        var file = new MemoryStream();
        if (Preamble)
        {
            file.Write(new byte[128]);
            file.Write("DICM"u8);
        }

        file.Write(meta.ToArray());
        file.Write(_body.ToArray());
        return file.ToArray();
    }

    /// <summary>One element's bytes. Text VRs pad with a space, UI and binary VRs with NUL.</summary>
    public static byte[] Element(bool explicitVr, ushort group, ushort element, string vr, ReadOnlySpan<byte> value, bool pad = true, byte? padByte = null)
    {
        var padded = pad && value.Length % 2 == 1;
        var length = value.Length + (padded ? 1 : 0);
        var ms = new MemoryStream();
        var head = new byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(head, group);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(2), element);
        if (!explicitVr)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(4), (uint)length);
            ms.Write(head, 0, 8);
        }
        else if (LongVrs.Contains(vr))
        {
            Encoding.ASCII.GetBytes(vr).CopyTo(head, 4);
            BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(8), (uint)length);
            ms.Write(head, 0, 12);
        }
        else
        {
            Encoding.ASCII.GetBytes(vr).CopyTo(head, 4);
            BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(6), (ushort)length);
            ms.Write(head, 0, 8);
        }

        ms.Write(value);
        if (padded)
        {
            ms.WriteByte(padByte ?? (vr is "UI" or "OB" or "OW" or "UN" ? (byte)0 : (byte)' '));
        }

        return ms.ToArray();
    }

    /// <summary>A tag followed by a 32-bit length (items, delimiters, or an element header with a forced length).</summary>
    public static byte[] Tag(ushort group, ushort element, uint length)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(b, group);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), element);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), length);
        return b;
    }

    /// <summary>An item of defined length holding <paramref name="content"/>.</summary>
    public static byte[] Item(ReadOnlySpan<byte> content) => [.. Tag(0xFFFE, 0xE000, (uint)content.Length), .. content];

    /// <summary>An explicit-VR SQ header of undefined length (add items and <see cref="SequenceEnd"/>).</summary>
    public static byte[] UndefinedSequence(bool explicitVr, ushort group, ushort element)
    {
        if (!explicitVr)
        {
            return Tag(group, element, 0xFFFFFFFF);
        }

        var b = new byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(b, group);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2), element);
        "SQ"u8.CopyTo(b.AsSpan(4));
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), 0xFFFFFFFF);
        return b;
    }

    public static byte[] UndefinedItemStart => Tag(0xFFFE, 0xE000, 0xFFFFFFFF);

    public static byte[] ItemEnd => Tag(0xFFFE, 0xE00D, 0);

    public static byte[] SequenceEnd => Tag(0xFFFE, 0xE0DD, 0);

    /// <summary><paramref name="depth"/> undefined-length sequences nested inside each other (private tags), each
    /// holding one undefined-length item, the innermost with one short text element.</summary>
    public static byte[] NestedSequences(bool explicitVr, int depth)
    {
        var ms = new MemoryStream();
        for (var i = 0; i < depth; i++)
        {
            ms.Write(UndefinedSequence(explicitVr, 0x0009, 0x1010));
            ms.Write(UndefinedItemStart);
        }

        ms.Write(Element(explicitVr, 0x0009, 0x1011, "LO", "x"u8));
        for (var i = 0; i < depth; i++)
        {
            ms.Write(ItemEnd);
            ms.Write(SequenceEnd);
        }

        return ms.ToArray();
    }
}
