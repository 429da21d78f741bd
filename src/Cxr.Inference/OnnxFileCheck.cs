using Cxr.Core.Contracts;
using Cxr.Core.Imaging;

namespace Cxr.Inference;

/// <summary>
/// A cheap look at the outer protobuf fields of a would-be ONNX file, so that a file that is not ONNX, or is cut short,
/// gets a plain explanation instead of ONNX Runtime's parser message. Only the top level of <c>ModelProto</c> is walked
/// (the graph is skipped by its length), so this costs microseconds.
/// </summary>
internal static class OnnxFileCheck
{
    private const int GraphField = 7;

    /// <summary>Returns null when <paramref name="bytes"/> look like a complete ONNX model; otherwise the rest of a
    /// sentence that starts with the source name, e.g. <c>is not an ONNX model (it looks like a JPEG image)</c>.</summary>
    public static string? Problem(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return "is empty (0 bytes); expected an ONNX model";
        }

        var position = 0;
        var fields = 0;
        var sawGraph = false;
        while (position < bytes.Length)
        {
            var fieldStart = position;
            if (!ProtobufVarint.TryRead(bytes, ref position, out var tag))
            {
                return fields == 0 ? NotOnnx(bytes) : Truncated(fieldStart, bytes.Length);
            }

            var field = tag >> 3;
            var wireType = (int)(tag & 7);
            if (fields == 0 && !IsKnownModelField(field, wireType))
            {
                return NotOnnx(bytes);
            }

            switch (wireType)
            {
                case 0:
                    if (!ProtobufVarint.TryRead(bytes, ref position, out _))
                    {
                        return Truncated(fieldStart, bytes.Length);
                    }

                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    if (!ProtobufVarint.TryRead(bytes, ref position, out var length))
                    {
                        return Truncated(fieldStart, bytes.Length);
                    }

                    if (length > (ulong)(bytes.Length - position))
                    {
                        return Truncated(fieldStart, bytes.Length);
                    }

                    position += (int)length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    return fields == 0 ? NotOnnx(bytes) : $"is damaged (invalid data at byte {fieldStart:N0} of {bytes.Length:N0}); it is not a readable ONNX model";
            }

            if (position > bytes.Length)
            {
                return Truncated(fieldStart, bytes.Length);
            }

            sawGraph |= field == GraphField && wireType == 2;
            fields++;
        }

        return sawGraph ? null : "is not an ONNX model (it holds no graph)";
    }

    // ModelProto fields with their wire types: ir_version 1, producer_name 2, producer_version 3, domain 4,
    // model_version 5, doc_string 6, graph 7, opset_import 8, metadata_props 14, training_info 20, functions 25.
    private static bool IsKnownModelField(ulong field, int wireType) => field switch
    {
        1 or 5 => wireType == 0,
        2 or 3 or 4 or 6 or 7 or 8 or 14 or 20 or 25 => wireType == 2,
        _ => false,
    };

    private static string Truncated(int fieldStart, int length) =>
        $"is truncated or damaged (the ONNX data breaks off in a field that starts at byte {fieldStart:N0} of {length:N0}); copy the model file again";

    private static string NotOnnx(ReadOnlySpan<byte> bytes)
    {
        var what = ImageFormatSniffer.Detect(bytes) is { } image
            ? $"a {image.ToString().ToUpperInvariant()} image"
            : ImageFormatSniffer.Describe(bytes);
        return what is null ? "is not an ONNX model" : $"is not an ONNX model (it looks like {what})";
    }
}
