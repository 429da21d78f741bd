using System.Security.Cryptography;

namespace Cxr.Core.Contracts;

/// <summary>
/// SHA-256 of an ONNX model's weights: the serialised <c>TensorProto</c> of every graph initializer (name, type, shape and
/// raw bytes), in graph order, read straight from the protobuf wire format. Metadata is not part of it, so the exporter can
/// store the hash in the same file; any changed byte of any weight changes it.
/// </summary>
public static class OnnxWeightsHash
{
    private const int ModelGraphField = 7;
    private const int GraphInitializerField = 5;
    private const int GraphSparseInitializerField = 15;
    private const int ModelMetadataField = 14;

    /// <summary>Lower-case hex SHA-256 (64 characters) of the initializers of <paramref name="model"/>'s graph.</summary>
    /// <exception cref="FormatException">The bytes are not a well-formed ONNX model with a graph.</exception>
    public static string Compute(ReadOnlySpan<byte> model)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var graph = FindGraph(model);
        var position = 0;
        while (position < graph.Length)
        {
            var (field, wireType) = ReadField(graph, ref position, out var valueStart, out var valueLength);
            if (wireType == 2 && field is GraphInitializerField or GraphSparseInitializerField)
            {
                hash.AppendData(graph.Slice(valueStart, valueLength));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The value of metadata entry <paramref name="key"/> (<c>metadata_props</c>, field 14), read from the wire
    /// format without parsing the graph; null when absent.</summary>
    /// <exception cref="FormatException">The bytes are not well-formed protobuf.</exception>
    public static string? FindMetadata(ReadOnlySpan<byte> model, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var position = 0;
        while (position < model.Length)
        {
            var (field, wireType) = ReadField(model, ref position, out var start, out var length);
            if (field != ModelMetadataField || wireType != 2)
            {
                continue;
            }

            var entry = model.Slice(start, length);
            string? entryKey = null, entryValue = null;
            var inner = 0;
            while (inner < entry.Length)
            {
                var (f, w) = ReadField(entry, ref inner, out var s, out var n);
                if (w == 2 && f is 1 or 2)
                {
                    var text = System.Text.Encoding.UTF8.GetString(entry.Slice(s, n));
                    (entryKey, entryValue) = f == 1 ? (text, entryValue) : (entryKey, text);
                }
            }

            if (entryKey == key)
            {
                return entryValue ?? string.Empty;
            }
        }

        return null;
    }

    private static ReadOnlySpan<byte> FindGraph(ReadOnlySpan<byte> model)
    {
        var position = 0;
        while (position < model.Length)
        {
            var (field, wireType) = ReadField(model, ref position, out var valueStart, out var valueLength);
            if (field == ModelGraphField && wireType == 2)
            {
                return model.Slice(valueStart, valueLength);
            }
        }

        throw new FormatException("The ONNX model holds no graph.");
    }

    private static (ulong Field, int WireType) ReadField(ReadOnlySpan<byte> bytes, ref int position, out int valueStart, out int valueLength)
    {
        var tag = ReadVarint(bytes, ref position);
        var wireType = (int)(tag & 7);
        valueStart = position;
        valueLength = 0;
        switch (wireType)
        {
            case 0:
                ReadVarint(bytes, ref position);
                break;
            case 1:
                Skip(bytes, ref position, 8);
                break;
            case 2:
                var length = ReadVarint(bytes, ref position);
                if (length > (ulong)(bytes.Length - position))
                {
                    throw new FormatException($"An ONNX field at byte {valueStart:N0} runs past the end of its message.");
                }

                valueStart = position;
                valueLength = (int)length;
                position += valueLength;
                break;
            case 5:
                Skip(bytes, ref position, 4);
                break;
            default:
                throw new FormatException($"Invalid protobuf wire type {wireType} at byte {valueStart:N0}.");
        }

        return (tag >> 3, wireType);
    }

    private static void Skip(ReadOnlySpan<byte> bytes, ref int position, int count)
    {
        if (bytes.Length - position < count)
        {
            throw new FormatException("The ONNX data ends inside a fixed-size field.");
        }

        position += count;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position) =>
        ProtobufVarint.TryRead(bytes, ref position, out var value)
            ? value
            : throw new FormatException("The ONNX data ends inside a varint, or a varint is longer than 10 bytes.");
}
