using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Cxr.Testing.Onnx;

/// <summary>A minimal protobuf encoder (varint, length-delimited, fixed32) for writing small ONNX files in tests without
/// an ONNX or protobuf library.</summary>
public sealed class ProtoWriter
{
    // Not a MemoryStream: a growable buffer needs no Dispose, so the writer needs none either.
    private readonly ArrayBufferWriter<byte> buffer = new();

    public byte[] ToArray() => buffer.WrittenSpan.ToArray();

    public ProtoWriter Varint(int field, long value)
    {
        Tag(field, 0);
        WriteVarint((ulong)value);
        return this;
    }

    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Named after the protobuf field type it writes.")]
    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        WriteVarint((ulong)value.Length);
        buffer.Write(value);
        return this;
    }

    public ProtoWriter Message(int field, Action<ProtoWriter> write)
    {
        var inner = new ProtoWriter();
        write(inner);
        return Bytes(field, inner.ToArray());
    }

    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Named after the protobuf field type it writes.")]
    public ProtoWriter Float(int field, float value)
    {
        Tag(field, 5);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        buffer.Write(bytes);
        return this;
    }

    private void Tag(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            buffer.Write([(byte)(value | 0x80)]);
            value >>= 7;
        }

        buffer.Write([(byte)value]);
    }
}
