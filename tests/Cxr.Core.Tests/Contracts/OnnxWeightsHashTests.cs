using System.Security.Cryptography;
using Cxr.Core.Contracts;

namespace Cxr.Core.Tests.Contracts;

/// <summary>The weights checksum over a hand-written protobuf: ModelProto { graph (7) { node (1), initializer (5) … },
/// metadata_props (14) }.</summary>
public sealed class OnnxWeightsHashTests
{
    private static readonly byte[] WeightA = [1, 2, 3, 4];
    private static readonly byte[] WeightB = [9, 8, 7];

    [Fact]
    public void The_hash_is_sha256_of_the_initializers_in_graph_order()
    {
        var model = Model(WeightA, WeightB, metadata: "a");
        var expected = SHA256.HashData([.. Initializer(WeightA), .. Initializer(WeightB)]);

        Assert.Equal(Convert.ToHexStringLower(expected), OnnxWeightsHash.Compute(model));
    }

    [Fact]
    public void Metadata_is_not_part_of_it_but_every_weight_byte_and_the_order_are()
    {
        var reference = OnnxWeightsHash.Compute(Model(WeightA, WeightB, metadata: "a"));

        Assert.Equal(reference, OnnxWeightsHash.Compute(Model(WeightA, WeightB, metadata: "something else entirely")));
        Assert.NotEqual(reference, OnnxWeightsHash.Compute(Model(WeightB, WeightA, metadata: "a")));
        for (var i = 0; i < WeightA.Length; i++)
        {
            var changed = (byte[])WeightA.Clone();
            changed[i] ^= 0x80;
            Assert.NotEqual(reference, OnnxWeightsHash.Compute(Model(changed, WeightB, metadata: "a")));
        }
    }

    [Fact]
    public void A_metadata_entry_is_found_without_parsing_the_graph()
    {
        var model = Model(WeightA, WeightB, metadata: "the value");

        Assert.Equal("the value", OnnxWeightsHash.FindMetadata(model, "k"));
        Assert.Null(OnnxWeightsHash.FindMetadata(model, "other"));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x08, 0x08 })] // ir_version only: no graph
    [InlineData(new byte[] { 0x3A, 0x7F, 0x00 })] // a graph field claiming 127 bytes
    [InlineData(new byte[] { 0x3A, 0x02, 0x2A, 0x05 })] // an initializer running past its graph
    [InlineData(new byte[] { 0x3F })] // wire type 7
    public void Malformed_models_are_format_errors(byte[] model) =>
        Assert.Throws<FormatException>(() => OnnxWeightsHash.Compute(model));

    private static byte[] Initializer(byte[] raw) => [0x4A, (byte)raw.Length, .. raw]; // TensorProto.raw_data (9)

    private static byte[] Model(byte[] first, byte[] second, string metadata)
    {
        byte[] node = [0x0A, 0x03, 0x22, 0x01, (byte)'X']; // node { op_type: "X" }
        byte[] a = [0x2A, (byte)Initializer(first).Length, .. Initializer(first)];
        byte[] b = [0x2A, (byte)Initializer(second).Length, .. Initializer(second)];
        byte[] graph = [.. node, .. a, .. b];
        var text = System.Text.Encoding.UTF8.GetBytes(metadata);
        byte[] entry = [0x0A, 0x01, (byte)'k', 0x12, (byte)text.Length, .. text];
        return [0x08, 0x08, 0x3A, (byte)graph.Length, .. graph, 0x72, (byte)entry.Length, .. entry];
    }
}
