using System.Security.Cryptography;
using Cxr.Core.Contracts;

namespace Cxr.Core.Tests.Contracts;

public sealed class ProbeImagesTests
{
    [Theory]
    // Pinned: a model records its probe outputs at export, so these bytes must never change between machines or builds.
    [InlineData(64, "3b90d61ccb89303aa2610a7194e1f30590738b143d301efd534926afe98c22d8")]
    [InlineData(96, "83e195930b17300b7fbc4c8dc95a46f7221f15639a17fc9ea74b47b76c30aadd")]
    [InlineData(150, "5deebb68c7451ef48b4e2b3a4c57d174ccd3b4ad2a9dae893407eda6eb8d70fc")]
    [InlineData(224, "922c5d921ade9dd801f3454eac8e96cca9d41d71b197581a1479e5517611a842")]
    public void The_probe_images_are_the_same_bytes_everywhere(int size, string sha256)
    {
        var images = ProbeImages.Create(size);

        Assert.Equal(ProbeImages.Count, images.Count);
        Assert.All(images, i => Assert.Equal((size, size), (i.Width, i.Height)));
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(images.SelectMany(i => i.Pixels).ToArray())));
    }

    [Fact]
    public void Each_probe_image_has_structure_and_they_differ()
    {
        var images = ProbeImages.Create(224);

        Assert.All(images, i => Assert.True(i.Pixels.Max() - i.Pixels.Min() > 100, "each probe spans most of the gray range"));
        Assert.Equal(images.Count, images.Select(i => Convert.ToHexStringLower(SHA256.HashData(i.Pixels))).Distinct().Count());
    }

    [Fact]
    public void The_tensor_is_pixel_over_255_in_image_order()
    {
        var images = ProbeImages.Create(32);
        var tensor = ProbeImages.Tensor(32);

        Assert.Equal(ProbeImages.Count * 32 * 32, tensor.Length);
        Assert.Equal(images[2].Pixels[5] / 255f, tensor[(2 * 32 * 32) + 5]);
        Assert.Equal(images[3].Pixels[^1] / 255f, tensor[^1]);
    }

    [Fact]
    public void Tiny_sizes_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProbeImages.Create(4));
}
