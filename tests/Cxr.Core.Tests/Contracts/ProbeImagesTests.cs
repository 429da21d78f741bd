using System.Security.Cryptography;
using Cxr.Core.Contracts;

namespace Cxr.Core.Tests.Contracts;

public sealed class ProbeImagesTests
{
    [Theory]
    // Pinned: a model records its probe outputs at export, so these bytes must never change between machines or builds.
    [InlineData(64, "499915faa0bb3cd633c032e368bc26a2a111f51d772f35a013b91bfb2df71583")]
    [InlineData(96, "1435982520be95f90b8c1f2dfb3962ea4c4951cf69226593092b541f556f41b4")]
    [InlineData(150, "5cf96e1c429233e652d5391fc27ca64462ada224dc4975e844f57069aa63b672")]
    [InlineData(224, "90639a7853a3d47de0e792387860e995903256e1b89e1df7c0104d39d368bd4d")]
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
