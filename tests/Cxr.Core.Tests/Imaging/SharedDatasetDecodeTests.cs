using System.Collections.Concurrent;
using Cxr.Core.Imaging;

namespace Cxr.Core.Tests.Imaging;

/// <summary>Every shared image (train + val) goes through the pipeline; concurrent use gives identical results.</summary>
public class SharedDatasetDecodeTests
{
    [Fact]
    public void Every_shared_image_decodes_and_preprocesses()
    {
        var pipeline = new ImagePipeline(new PreprocessSpec(150));
        var failures = new ConcurrentBag<string>();
        var count = 0;
        Parallel.ForEach(SharedImages.All, path =>
        {
            try
            {
                var r = pipeline.ProcessFile(path);
                if (r.Format != ImageFormat.Jpeg || r.Original.Width != 224 || r.Original.Height != 224 ||
                    r.Resized.Width != 150 || r.Resized.Height != 150 || r.Tensor.Length != 150 * 150)
                {
                    failures.Add($"{path}: {r.Format} {r.Original.Width}×{r.Original.Height} → {r.Resized.Width}×{r.Resized.Height}");
                }

                Interlocked.Increment(ref count);
            }
            catch (ImageInputException e)
            {
                failures.Add($"{path}: {e.Code}: {e.Message}");
            }
        });

        Assert.Empty(failures);
        // train NORMAL 1341 + train PNEUMONIA 3875 + val 8 + 8.
        Assert.Equal(5232, count);
    }

    [Fact]
    public void Concurrent_processing_matches_sequential_processing()
    {
        var pipeline = new ImagePipeline(new PreprocessSpec(150, ResizeMode.Letterbox));
        var files = SharedImages.All.Where((_, i) => i % 80 == 0).Select(File.ReadAllBytes).ToArray();
        var sequential = files.Select(f => pipeline.Process(f).Tensor).ToArray();
        var concurrent = new float[files.Length][];
        Parallel.For(0, files.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var r = pipeline.Process(files[i % files.Length]).Tensor;
            if (i >= files.Length * 3)
            {
                concurrent[i % files.Length] = r;
            }
            else
            {
                Assert.Equal(sequential[i % files.Length], r);
            }
        });

        Assert.Equal(sequential, concurrent);
    }
}
