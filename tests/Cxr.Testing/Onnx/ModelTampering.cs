using System.Globalization;
using System.Text.Json.Nodes;
using Cxr.Core.Contracts;
using Google.Protobuf;
using Onnx;

namespace Cxr.Testing.Onnx;

/// <summary>Copies of a model file with one thing changed, the way a damaged download or a hand edit would change it.</summary>
public static class ModelTampering
{
    /// <summary>Names of the graph's initializers, in graph order.</summary>
    public static IReadOnlyList<string> Initializers(byte[] model) =>
        [.. ModelProto.Parser.ParseFrom(model).Graph.Initializer.Select(t => t.Name)];

    /// <summary>The model with bit 0 of one byte of one initializer's raw data inverted; everything else as it was.</summary>
    /// <param name="model">The ONNX file.</param>
    /// <param name="initializer">Index of the initializer in graph order.</param>
    /// <param name="position">Fraction in [0, 1) of the way into its raw data.</param>
    public static byte[] FlipWeightBit(byte[] model, int initializer, double position)
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        var tensor = proto.Graph.Initializer[initializer];
        var raw = tensor.RawData.ToByteArray();
        var index = Math.Min(raw.Length - 1, (int)(position * raw.Length));
        raw[index] ^= 1;
        tensor.RawData = ByteString.CopyFrom(raw);
        return proto.ToByteArray();
    }

    /// <summary>The model with metadata <paramref name="key"/> set to <paramref name="value"/> (null removes it).</summary>
    public static byte[] WithMetadata(byte[] model, string key, string? value)
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        var existing = proto.MetadataProps.FirstOrDefault(p => p.Key == key);
        if (existing is not null)
        {
            proto.MetadataProps.Remove(existing);
        }

        if (value is not null)
        {
            proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return proto.ToByteArray();
    }

    /// <summary>The model with one recorded self-test value shifted by <paramref name="delta"/>: <paramref name="output"/>
    /// is <c>logit</c>, <c>features</c> or <c>guardDistances</c>; <paramref name="index"/> the element in image 0's row.</summary>
    public static byte[] WithShiftedProbe(byte[] model, string output, int index, double delta)
    {
        var metadata = ModelProto.Parser.ParseFrom(model).MetadataProps.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var json = JsonNode.Parse(metadata[ModelMetadataKeys.SelfTest])!.AsObject();
        var values = output == "logit" ? json[output]!.AsArray() : json[output]![0]!.AsArray();
        var value = values[index]!.GetValue<double>() + delta;
        values[index] = JsonValue.Create(value);
        return WithMetadata(model, ModelMetadataKeys.SelfTest, json.ToJsonString());
    }

    /// <summary>The recorded self-test value that <see cref="WithShiftedProbe"/> would shift.</summary>
    public static double ProbeValue(byte[] model, string output, int index)
    {
        var metadata = ModelProto.Parser.ParseFrom(model).MetadataProps.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var json = JsonNode.Parse(metadata[ModelMetadataKeys.SelfTest])!.AsObject();
        var values = output == "logit" ? json[output]!.AsArray() : json[output]![0]!.AsArray();
        return double.Parse(values[index]!.ToJsonString(), CultureInfo.InvariantCulture);
    }
}
