using Cxr.Core.Data;
using Cxr.Core.Imaging;
using Cxr.Testing;
using Cxr.Training.Data;
using Cxr.Training.Tests.Trainer;

namespace Cxr.Training.Tests.Data;

public sealed class ImageCacheContrastTests
{
    private static readonly PreprocessSpec Clahe = new(32) { Contrast = ContrastStep.Clahe(2, 4) };

    [Fact]
    public void The_cache_key_depends_on_the_contrast_step()
    {
        var records = SmallSubset.Records(1);
        var keys = new[]
        {
            ImageCache.CacheKey(records, new PreprocessSpec(32)),
            ImageCache.CacheKey(records, new PreprocessSpec(32) { Contrast = ContrastStep.HistogramEqualization }),
            ImageCache.CacheKey(records, Clahe),
            ImageCache.CacheKey(records, new PreprocessSpec(32) { Contrast = ContrastStep.Clahe(3, 4) }),
        };
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }

    [Fact]
    public void Built_pixels_are_the_serving_paths_model_input_and_the_films_are_kept_beside_them()
    {
        var records = SmallSubset.Records(2);
        var cache = ImageCache.Build(records, Clahe);
        var pipeline = new ImagePipeline(Clahe);
        var plane = 32 * 32;
        for (var i = 0; i < records.Count; i++)
        {
            var served = pipeline.ProcessFile(records[i].Path);
            Assert.Equal(served.Resized.Pixels, cache.Pixels.AsSpan(i * plane, plane).ToArray());
            Assert.Equal(served.ResizedBeforeContrast.Pixels, cache.PixelsBeforeContrast.AsSpan(i * plane, plane).ToArray());
        }

        Assert.NotEqual(cache.Pixels, cache.PixelsBeforeContrast);
    }

    [Fact]
    public void A_subset_of_a_contrast_cache_keeps_both_its_model_inputs_and_its_films()
    {
        // Ensemble members train on subsets; the guard of a contrast model turns the films, so a subset must keep them.
        var records = SmallSubset.Records(2);
        var cache = ImageCache.Build(records, Clahe);
        var plane = 32 * 32;
        int[] picked = [cache.Count - 1, 0];
        var subset = cache.Subset(picked);
        for (var i = 0; i < picked.Length; i++)
        {
            Assert.Equal(cache.Pixels.AsSpan(picked[i] * plane, plane).ToArray(), subset.Pixels.AsSpan(i * plane, plane).ToArray());
            Assert.Equal(cache.PixelsBeforeContrast.AsSpan(picked[i] * plane, plane).ToArray(), subset.PixelsBeforeContrast.AsSpan(i * plane, plane).ToArray());
        }

        Assert.NotEqual(subset.Pixels, subset.PixelsBeforeContrast);
    }

    [Fact]
    public void A_saved_contrast_cache_loads_back_to_the_same_pixels()
    {
        var directory = Directory.CreateTempSubdirectory("cxr-contrast-cache-").FullName;
        try
        {
            var records = SmallSubset.Records(2);
            var built = ImageCache.Build(records, Clahe, directory);
            var file = Assert.Single(Directory.GetFiles(directory));
            // The file holds the films (header 16 + key 64 + pixels); the step is applied again on load.
            Assert.Equal(16 + 64 + built.PixelsBeforeContrast.Length, new FileInfo(file).Length);
            var loaded = ImageCache.Build(records.Select(r => r with { Path = "/moved/away.jpeg" }).ToList(), Clahe, directory);
            Assert.Equal(built.Pixels, loaded.Pixels);
            Assert.Equal(built.PixelsBeforeContrast, loaded.PixelsBeforeContrast);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void FromPixels_takes_films_and_applies_the_step()
    {
        var films = Enumerable.Range(0, 2 * 32 * 32).Select(i => (byte)(90 + (i * 13 % 29))).ToArray();
        var records = Enumerable.Range(0, 2).Select(i => new ImageRecord($"f{i}", CxrLabel.Normal, "normal", $"p{i}", "", "train")).ToList();
        var cache = ImageCache.FromPixels(records, Clahe, films);
        Assert.Same(films, cache.PixelsBeforeContrast);
        for (var i = 0; i < 2; i++)
        {
            var expected = Clahe.Contrast.Apply(new GrayImage(32, 32, films[(i * 1024)..((i + 1) * 1024)])).Pixels;
            Assert.Equal(expected, cache.Pixels[(i * 1024)..((i + 1) * 1024)]);
        }

        var plain = ImageCache.FromPixels(records, new PreprocessSpec(32), films);
        Assert.Same(plain.Pixels, plain.PixelsBeforeContrast);
    }
}
