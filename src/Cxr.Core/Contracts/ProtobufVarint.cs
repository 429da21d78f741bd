namespace Cxr.Core.Contracts;

/// <summary>Reads a protobuf base-128 varint, for the code that walks an ONNX file's wire format without parsing it
/// (the file check before loading, the weights checksum, the metadata lookup).</summary>
public static class ProtobufVarint
{
    /// <summary>Reads the varint at <paramref name="position"/> and moves past it; false (position unspecified) when the
    /// data ends inside it or it is longer than 10 bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= bytes.Length)
            {
                return false;
            }

            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
