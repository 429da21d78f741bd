using Cxr.Core.Contracts;
using Cxr.Core.Data;
using Cxr.Core.Imaging;
using Cxr.Testing.Models;
using Cxr.Training.Data;
using Cxr.Training.Guard;
using Cxr.Training.Models;
using Cxr.Training.Tests.Export;
using TorchSharp;
using static TorchSharp.torch;

namespace Cxr.Training.Tests.Guard;

/// <summary>Fitting the learned guard on a tiny seeded model and a small synthetic training split.</summary>
[Collection(TorchGeneratorCollection.Name)]
public sealed class InputGuardFitterTests
{
    private const int Size = 32;
    private const int PerClass = 18;

    [Fact]
    public void Fit_returns_a_valid_spec_whose_threshold_is_the_requested_percentile_of_the_upright_scores()
    {
        using var model = TinyModel();
        var cache = SyntheticCache();

        var guard = InputGuardFitter.Fit(model, cache, percentile: 90);

        var spec = guard.Spec;
        spec.Validate();
        Assert.Equal(InputGuardSpec.MahalanobisMethod, spec.Method);
        Assert.Equal(InputGuardFitter.ReferenceNames, spec.References);
        Assert.Equal(["NORMAL", "PNEUMONIA"], spec.Upright);
        Assert.Equal(["ROTATED_90_CW", "ROTATED_90_CCW", "ROTATED_180"], spec.Rotated);
        Assert.Equal(["INVERTED"], spec.Inverted);
        Assert.Equal(90, spec.Percentile);
        Assert.Equal(cache.Count, spec.FitImages);
        Assert.Equal(InputGuardSpec.DefaultMaxMeanChroma, spec.MaxMeanChroma);
        Assert.Equal(6, guard.References.Means.Length);
        Assert.Equal(12, guard.References.Dimension);
        Assert.False(model.training);

        // The upright training scores, recomputed independently: sqrt of the smaller distance to NORMAL and PNEUMONIA.
        var scores = UprightScores(model, cache, guard.References);
        var rank = (int)Math.Ceiling(0.90 * scores.Length) - 1; // nearest rank: the 33rd of 36
        Assert.Equal(32, rank);
        Assert.Equal(scores[rank], spec.DistanceThreshold!.Value, 1e-9 * scores[rank]);
        Assert.True(scores.Count(s => s <= spec.DistanceThreshold) >= 0.90 * scores.Length);
        Assert.True(scores[^1] > spec.DistanceThreshold, "the top decile lies above the threshold");
    }

    [Fact]
    public void Percentile_100_puts_the_threshold_at_the_largest_training_score()
    {
        using var model = TinyModel();
        var cache = SyntheticCache();

        var guard = InputGuardFitter.Fit(model, cache, percentile: 100);

        var distances = UprightDistances(model, cache, guard.References);
        var scores = Scores(distances);
        Assert.Equal(scores[^1], guard.Spec.DistanceThreshold!.Value, 1e-9 * scores[^1]);
        Assert.All(distances, row => Assert.NotEqual(DistanceVerdict.OutOfDistribution, guard.Spec.Judge(row).Verdict));
    }

    [Fact]
    public void The_report_holds_rates_in_zero_to_one_and_evaluate_reproduces_it()
    {
        using var model = TinyModel();
        var cache = SyntheticCache();
        var progress = new RecordingProgress();

        var guard = InputGuardFitter.Fit(model, cache, percentile: 95, progress);

        var report = Assert.IsType<InputGuardReport>(guard.Report);
        Assert.Equal(cache.Count, report.Images);
        Assert.InRange(report.UprightRefused, 0, 1);
        Assert.InRange(report.RotatedRecognised, 0, 1);
        Assert.InRange(report.InvertedRecognised, 0, 1);
        var scores = UprightScores(model, cache, guard.References);
        Assert.Equal(Math.Round(scores[scores.Length / 2], 3), report.MedianDistance, 1e-9);

        // Films and their transformed copies: 2 per film, reported once per batch of 64.
        Assert.Equal([2 * cache.Count], progress.Reports);

        Assert.Equal(report, InputGuardFitter.Evaluate(guard, model, cache));
    }

    [Theory]
    [InlineData(50)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void A_percentile_outside_50_to_100_is_refused(double percentile)
    {
        using var model = TinyModel();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => InputGuardFitter.Fit(model, SyntheticCache(), percentile));
        Assert.Equal("percentile", error.ParamName);
    }

    [Fact]
    public void Cancellation_stops_the_fit()
    {
        using var model = TinyModel();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => InputGuardFitter.Fit(model, SyntheticCache(), cancellationToken: cancelled.Token));
    }

    private static double[] UprightScores(CxrModel model, ImageCache cache, TiedGaussianReferences references) =>
        Scores(UprightDistances(model, cache, references));

    /// <summary>Sorted scores: sqrt of the smaller squared distance to NORMAL and PNEUMONIA.</summary>
    private static double[] Scores(double[][] distances) =>
        distances.Select(d => Math.Sqrt(Math.Min(d[0], d[1]))).Order().ToArray();

    /// <summary>Squared distances of every film as it is, in cache order, embedded in one batch here.</summary>
    private static double[][] UprightDistances(CxrModel model, ImageCache cache, TiedGaussianReferences references)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        var embedding = model.Embedding(cache.Batch(Enumerable.Range(0, cache.Count).ToArray()));
        var width = (int)embedding.shape[1];
        var values = embedding.data<float>().ToArray();
        return Enumerable.Range(0, cache.Count)
            .Select(i => references.SquaredDistances(values.AsSpan(i * width, width)))
            .ToArray();
    }

    private static CxrNet TinyModel()
    {
        torch.manual_seed(1);
        var model = new CxrNet(new CxrNetOptions(InputSize: Size, StemWidth: 4, Widths: [8, 12], ConvsPerBlock: 1));
        model.eval();
        return model;
    }

    /// <summary>NORMAL: dark at the top, bright at the bottom, with grain. PNEUMONIA: the same with a bright blob on the
    /// left. Both are lopsided, so a quarter turn or an inversion really changes them.</summary>
    private static ImageCache SyntheticCache()
    {
        var random = new Random(12);
        var records = new List<ImageRecord>();
        var pixels = new byte[2 * PerClass * Size * Size];
        for (var i = 0; i < 2 * PerClass; i++)
        {
            var label = i % 2 == 0 ? CxrLabel.Normal : CxrLabel.Pneumonia;
            records.Add(new ImageRecord($"synthetic-{i}.png", label, label == CxrLabel.Normal ? "normal" : "bacteria", $"p{i}", "", "train"));
            var image = pixels.AsSpan(i * Size * Size, Size * Size);
            for (var y = 0; y < Size; y++)
            {
                for (var x = 0; x < Size; x++)
                {
                    var value = 20 + (6 * y) + random.Next(-15, 16);
                    if (label == CxrLabel.Pneumonia && Math.Pow(x - 8, 2) + Math.Pow(y - 12, 2) < 36)
                    {
                        value += 90;
                    }

                    image[(y * Size) + x] = (byte)Math.Clamp(value, 0, 255);
                }
            }
        }

        return ImageCache.FromPixels(records, new PreprocessSpec(Size), pixels);
    }
}
