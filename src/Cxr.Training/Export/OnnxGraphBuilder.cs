using System.Buffers.Binary;
using Cxr.Core.Contracts;
using Google.Protobuf;
using Onnx;

namespace Cxr.Training.Export;

/// <summary>Accumulates an ONNX graph: nodes, float32/float64/int64 initializers and typed inputs/outputs, with unique names.</summary>
internal sealed class OnnxGraphBuilder
{
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodes = new(StringComparer.Ordinal);

    public OnnxGraphBuilder(string name)
    {
        Graph = new GraphProto { Name = name };
    }

    public GraphProto Graph { get; }

    /// <summary>Declares a float graph input <c>[N, ..itemShape]</c> with the symbolic batch dimension N.</summary>
    public string AddInput(string name, params long[] itemShape)
    {
        Claim(name);
        Graph.Input.Add(BatchedFloatValueInfo(name, itemShape));
        return name;
    }

    /// <summary>Declares an existing value as a float graph output <c>[N, ..itemShape]</c>.</summary>
    public void AddOutput(string name, params long[] itemShape)
    {
        if (!_values.Contains(name))
        {
            throw new InvalidOperationException($"Graph output '{name}' is not produced by any node.");
        }

        Graph.Output.Add(BatchedFloatValueInfo(name, itemShape));
    }

    /// <summary>Adds a float initializer stored as little-endian raw data.</summary>
    public string AddInitializer(string name, long[] dims, float[] values)
    {
        CheckCount(name, dims, values.Length);
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return AddRawInitializer(name, dims, TensorProto.Types.DataType.Float, bytes);
    }

    /// <summary>Adds a float64 initializer stored as little-endian raw data.</summary>
    public string AddInitializer(string name, long[] dims, double[] values)
    {
        CheckCount(name, dims, values.Length);
        var bytes = new byte[values.Length * sizeof(double)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), values[i]);
        }

        return AddRawInitializer(name, dims, TensorProto.Types.DataType.Double, bytes);
    }

    /// <summary>Adds an int64 initializer stored as little-endian raw data.</summary>
    public string AddInitializer(string name, long[] dims, long[] values)
    {
        CheckCount(name, dims, values.Length);
        var bytes = new byte[values.Length * sizeof(long)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), values[i]);
        }

        return AddRawInitializer(name, dims, TensorProto.Types.DataType.Int64, bytes);
    }

    /// <summary>Adds a node named <paramref name="name"/> whose single output is <paramref name="output"/> (default: the
    /// node's name). Returns the output value's name.</summary>
    public string AddNode(string opType, string name, IReadOnlyList<string> inputs, string? output = null, params AttributeProto[] attributes)
    {
        if (!_nodes.Add(name))
        {
            throw new InvalidOperationException($"Duplicate ONNX node name '{name}'.");
        }

        foreach (var input in inputs)
        {
            if (!_values.Contains(input))
            {
                throw new InvalidOperationException($"Node '{name}' reads '{input}', which is not defined yet.");
            }
        }

        output ??= name;
        Claim(output);
        var node = new NodeProto { Name = name, OpType = opType };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return output;
    }

    public static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto IntsAttribute(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private string AddRawInitializer(string name, long[] dims, TensorProto.Types.DataType type, byte[] bytes)
    {
        Claim(name);
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(dims);
        Graph.Initializer.Add(tensor);
        return name;
    }

    private void Claim(string name)
    {
        if (!_values.Add(name))
        {
            throw new InvalidOperationException($"Duplicate ONNX value name '{name}'.");
        }
    }

    private static void CheckCount(string name, long[] dims, int count)
    {
        var expected = dims.Aggregate(1L, (a, d) => a * d);
        if (expected != count)
        {
            throw new InvalidOperationException($"Initializer '{name}' has {count} values but shape [{string.Join(", ", dims)}].");
        }
    }

    private static ValueInfoProto BatchedFloatValueInfo(string name, long[] itemShape)
    {
        var tensorShape = new TensorShapeProto();
        tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = OnnxModelContract.BatchDimension });
        foreach (var dim in itemShape)
        {
            tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = tensorShape },
            },
        };
    }
}
