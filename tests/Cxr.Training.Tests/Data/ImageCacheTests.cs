using Cxr.Core.Data;
using Cxr.Core.Imaging;
using Cxr.Training.Data;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Data;

public sealed class ImageCacheTests
{
    [Fact]
    public void Batch_holds_exactly_the_serving_paths_pixel_over_255()
    {
        var pixels = Enumerable.Range(0, 3 * 16 * 16).Select(i => (byte)(i * 7 % 256)).ToArray();
        var records = Enumerable.Range(0, 3).Select(i => new ImageRecord($"f{i}", CxrLabel.Normal, "normal", $"p{i}", "", "train")).ToList();
        var cache = ImageCache.FromPixels(records, new PreprocessSpec(16), pixels);
        using var scope = NewDisposeScope();
        var batch = cache.Batch([2, 0]);
        Assert.Equal(new long[] { 2, 1, 16, 16 }, batch.shape);
        var values = batch.data<float>().ToArray();
        var expected = new float[2 * 256];
        ImagePipeline.ToTensor(new GrayImage(16, 16, pixels[512..768]), expected.AsSpan(0, 256));
        ImagePipeline.ToTensor(new GrayImage(16, 16, pixels[..256]), expected.AsSpan(256, 256));
        Assert.Equal(expected, values);
    }

    [Fact]
    public void Subset_holds_the_chosen_images_records_and_labels_in_the_given_order()
    {
        var pixels = Enumerable.Range(0, 4 * 8 * 8).Select(i => (byte)(i % 251)).ToArray();
        var records = Enumerable.Range(0, 4)
            .Select(i => new ImageRecord($"f{i}", i % 2 == 0 ? CxrLabel.Normal : CxrLabel.Pneumonia, "normal", $"p{i}", "", "train"))
            .ToList();
        var cache = ImageCache.FromPixels(records, new PreprocessSpec(8), pixels);

        var subset = cache.Subset([3, 0]);

        Assert.Equal(["f3", "f0"], subset.Records.Select(r => r.Path));
        Assert.Equal([1, 0], subset.Labels);
        Assert.Equal([.. pixels[192..256], .. pixels[..64]], subset.Pixels);
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.Subset([4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.Subset([-1]));
    }
}
