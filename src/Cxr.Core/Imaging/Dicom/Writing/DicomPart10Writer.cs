using System.Buffers.Binary;
using System.Text;

namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>
/// Writes a DICOM Part 10 file (PS3.10 7.1): the 128-byte zero preamble, <c>DICM</c>, the group 0002 file meta
/// information with its group length, then the data set, all Explicit VR Little Endian (1.2.840.10008.1.2.1). Values
/// of odd length are padded to even length (a space for text, NUL for UI and binary); sequences and items are written
/// with defined lengths.
/// </summary>
public static class DicomPart10Writer
{
    /// <summary>Explicit VR Little Endian, the one transfer syntax written.</summary>
    public const string TransferSyntaxUid = DicomTransferSyntax.ExplicitVrLittleEndianUid;

    /// <summary>Implementation Version Name (0002,0013), at most 16 characters.</summary>
    public const string ImplementationVersionName = "CXR_0.1";

    /// <summary>The file for <paramref name="dataSet"/>, whose SOP Class UID (0008,0016) and SOP Instance UID
    /// (0008,0018) are repeated in the meta information's Media Storage SOP Class and Instance UIDs.</summary>
    /// <exception cref="ArgumentException">A UID is malformed.</exception>
    public static byte[] Write(DicomOutputDataSet dataSet, string sopClassUid, string sopInstanceUid)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        if (!DicomUid.IsValid(sopClassUid) || !DicomUid.IsValid(sopInstanceUid))
        {
            throw new ArgumentException($"Malformed SOP class or instance UID: '{sopClassUid}', '{sopInstanceUid}'.");
        }

        using var meta = new MemoryStream();
        WriteElement(meta, new DicomOutputElement(0x0002_0001, "OB", [0, 1], []));
        WriteElement(meta, Uid(0x0002_0002, sopClassUid));
        WriteElement(meta, Uid(0x0002_0003, sopInstanceUid));
        WriteElement(meta, Uid(0x0002_0010, TransferSyntaxUid));
        WriteElement(meta, Uid(0x0002_0012, DicomUid.ImplementationClassUid));
        WriteElement(meta, new DicomOutputElement(0x0002_0013, "SH", Encoding.ASCII.GetBytes(ImplementationVersionName), []));

        using var file = new MemoryStream();
        file.Write(new byte[128]);
        file.Write("DICM"u8);
        var groupLength = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength, checked((uint)meta.Length));
        WriteElement(file, new DicomOutputElement(0x0002_0000, "UL", groupLength, []));
        meta.WriteTo(file);
        WriteDataSet(file, dataSet);
        return file.ToArray();
    }

    private static DicomOutputElement Uid(uint tag, string uid) => new(tag, "UI", Encoding.ASCII.GetBytes(uid), []);

    private static void WriteDataSet(Stream stream, DicomOutputDataSet dataSet)
    {
        foreach (var element in dataSet.Elements)
        {
            WriteElement(stream, element);
        }
    }

    private static void WriteElement(Stream stream, DicomOutputElement element)
    {
        byte[] value;
        if (element.Vr == "SQ")
        {
            using var items = new MemoryStream();
            foreach (var item in element.Items)
            {
                using var content = new MemoryStream();
                WriteDataSet(content, item);
                WriteTag(items, 0xFFFE_E000);
                WriteUInt32(items, checked((uint)content.Length));
                content.WriteTo(items);
            }

            value = items.ToArray();
        }
        else
        {
            value = element.Value;
        }

        var pad = value.Length % 2 != 0;
        var length = checked((uint)(value.Length + (pad ? 1 : 0)));
        WriteTag(stream, element.Tag);
        stream.Write(Encoding.ASCII.GetBytes(element.Vr));
        if (DicomVr.HasLongLength(element.Vr))
        {
            stream.Write([0, 0]);
            WriteUInt32(stream, length);
        }
        else
        {
            if (length > ushort.MaxValue)
            {
                throw new ArgumentException($"{DicomTags.Format(element.Tag)} {element.Vr} value is {length} bytes, more than a 16-bit length holds.");
            }

            Span<byte> word = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(word, (ushort)length);
            stream.Write(word);
        }

        stream.Write(value);
        if (pad)
        {
            stream.WriteByte(DicomVr.PadByte(element.Vr));
        }
    }

    private static void WriteTag(Stream stream, uint tag)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)(tag >> 16));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[2..], (ushort)tag);
        stream.Write(bytes);
    }

    private static void WriteUInt32(Stream stream, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }
}
