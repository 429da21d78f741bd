using Cxr.Core.Contracts;
using Cxr.Training.Data;
using Cxr.Training.Models;
using static TorchSharp.torch;

namespace Cxr.Training.Guard;

/// <summary>
/// Fits the learned part of the input guard on the training split: the model's embedding (<see cref="IEmbeddingModel.Embedding"/>,
/// i.e. the ONNX <c>features</c>; an ensemble's is its members' embeddings side by side) of every training film as it is (groups NORMAL and PNEUMONIA) and of the same film
/// once transformed (turned 90° clockwise, 90° counter-clockwise, inverted or turned 180°, in turn), then tied-covariance Gaussians and
/// a distance threshold at a high percentile of the training films' scores.
/// </summary>
/// <remarks>A transformed film is what the model would see for that film uploaded turned or inverted: the transform is
/// applied to the resized film before the spec's contrast step (<see cref="ImageCache.PixelsBeforeContrast"/>) and the
/// step after it, as serving does. (Equalising is not exactly commutative with inverting: the inverted film's mapping
/// counts pixels from the other end.)</remarks>
public static class InputGuardFitter
{
    /// <summary>Reference names in distance-column order.</summary>
    public static IReadOnlyList<string> ReferenceNames => InputGuardSpec.StandardReferenceNames;

    private static readonly FilmTransform[] Transforms =
        [FilmTransform.Rotate90Clockwise, FilmTransform.Rotate90CounterClockwise, FilmTransform.Invert, FilmTransform.Rotate180];

    /// <summary>Fits the guard. The model runs in eval mode and is returned to its previous mode.</summary>
    /// <param name="model">The trained model.</param>
    /// <param name="train">The training split (labels 0 = NORMAL, 1 = PNEUMONIA).</param>
    /// <param name="percentile">Percentile of the training films' distances used as the threshold, in (50, 100].</param>
    /// <param name="progress">Receives the number of films embedded so far (of <c>2 × train.Count</c>).</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <exception cref="InvalidDataException">The split has fewer than 2 films of a class.</exception>
    public static FittedInputGuard Fit(IEmbeddingModel model, ImageCache train, double percentile = 99.5, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        if (!(percentile is > 50 and <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "The percentile must be in (50, 100].");
        }

        var normal = train.Labels.Count(l => l == 0);
        if (normal < 2 || train.Count - normal < 2)
        {
            throw new InvalidDataException(
                $"The input guard is fitted on NORMAL and PNEUMONIA training films and needs at least 2 of each; the training split has {normal} NORMAL and {train.Count - normal} PNEUMONIA.");
        }

        var (upright, transformed) = Embed(model, train, progress, cancellationToken);
        var features = new List<float[]>(upright.Length * 2);
        var groups = new List<int>(upright.Length * 2);
        for (var i = 0; i < upright.Length; i++)
        {
            features.Add(upright[i]);
            groups.Add(train.Labels[i]);
            features.Add(transformed[i]);
            // FilmTransform values 1..4 follow ReferenceNames 2..5 (after NORMAL and PNEUMONIA).
            groups.Add(1 + (int)TransformOf(i));
        }

        var references = TiedGaussianReferences.Fit(features, groups, ReferenceNames.Count);
        // The distances of the upright films set the threshold and then feed the report: computed once.
        var uprightDistances = Distances(references, upright);
        var probe = InputGuardSpec.ForStandardReferences(double.MaxValue);
        var scores = uprightDistances.Select(d => probe.Judge(d).Score).Order().ToArray();
        var rank = Math.Clamp((int)Math.Ceiling(percentile / 100 * scores.Length) - 1, 0, scores.Length - 1);
        var spec = probe with { DistanceThreshold = scores[rank], Percentile = percentile, FitImages = upright.Length };
        spec.Validate();
        return new FittedInputGuard(spec, references, Score(spec, uprightDistances, Distances(references, transformed)));
    }

    /// <summary>Scores films the guard was not fitted on (e.g. the validation split) the same way (the model in eval
    /// mode, then back in its previous mode).</summary>
    public static InputGuardReport Evaluate(FittedInputGuard guard, IEmbeddingModel model, ImageCache images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(guard);
        var (upright, transformed) = Embed(model, images, null, cancellationToken);
        return Score(guard.Spec, Distances(guard.References, upright), Distances(guard.References, transformed));
    }

    /// <summary>The transform film <paramref name="index"/> gets: the four take turns.</summary>
    internal static FilmTransform TransformOf(int index) => Transforms[index % Transforms.Length];

    private static double[][] Distances(TiedGaussianReferences references, float[][] features) =>
        features.Select(f => references.SquaredDistances(f)).ToArray();

    private static InputGuardReport Score(InputGuardSpec spec, double[][] upright, double[][] transformed)
    {
        int refused = 0, rotated = 0, rotatedRecognised = 0, inverted = 0, invertedRecognised = 0;
        var scores = new double[upright.Length];
        for (var i = 0; i < upright.Length; i++)
        {
            var (verdict, score) = spec.Judge(upright[i]);
            scores[i] = score;
            refused += verdict == DistanceVerdict.InDistribution ? 0 : 1;
            var seen = spec.Judge(transformed[i]).Verdict;
            if (TransformOf(i) == FilmTransform.Invert)
            {
                inverted++;
                invertedRecognised += seen == DistanceVerdict.Inverted ? 1 : 0;
            }
            else
            {
                rotated++;
                rotatedRecognised += seen == DistanceVerdict.Rotated ? 1 : 0;
            }
        }

        Array.Sort(scores);
        return new InputGuardReport(
            upright.Length,
            Fraction(refused, upright.Length),
            Fraction(rotatedRecognised, rotated),
            Fraction(invertedRecognised, inverted),
            scores.Length == 0 ? 0 : Math.Round(scores[scores.Length / 2], 3));
    }

    private static double Fraction(int count, int total) => total == 0 ? 0 : Math.Round((double)count / total, 5);

    private static (float[][] Upright, float[][] Transformed) Embed(IEmbeddingModel model, ImageCache cache, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        const int batchSize = 64;
        using var evaluation = model.EnterEvaluationMode();
        using var noGrad = no_grad();
        var upright = new float[cache.Count][];
        var transformed = new float[cache.Count][];
        var side = cache.Side;
        var plane = side * side;
        for (var start = 0; start < cache.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(batchSize, cache.Count - start);
            var original = cache.Pixels.AsSpan(start * plane, count * plane);
            var turned = TransformedInputs(cache, start, count);
            Rows(model, original.ToArray(), count, side, upright, start);
            Rows(model, turned, count, side, transformed, start);
            progress?.Report(2 * (start + count));
        }

        return (upright, transformed);
    }

    /// <summary>The model inputs of films <paramref name="start"/> to <c>start + count − 1</c> of <paramref name="cache"/>
    /// uploaded transformed (<see cref="TransformOf"/>): the transform applied to the resized film, then the spec's
    /// contrast step, as serving would do; <c>count × S × S</c> bytes.</summary>
    internal static byte[] TransformedInputs(ImageCache cache, int start, int count)
    {
        var side = cache.Side;
        var plane = side * side;
        var contrast = cache.Spec.Contrast;
        var films = cache.PixelsBeforeContrast.AsSpan(start * plane, count * plane);
        var turned = new byte[count * plane];
        var film = contrast.IsNone ? null : new byte[plane];
        for (var i = 0; i < count; i++)
        {
            var into = turned.AsSpan(i * plane, plane);
            if (film is null)
            {
                FilmTransforms.Apply(TransformOf(start + i), films.Slice(i * plane, plane), into, side);
            }
            else
            {
                FilmTransforms.Apply(TransformOf(start + i), films.Slice(i * plane, plane), film, side);
                contrast.Apply(film, into, side, side);
            }
        }

        return turned;
    }

    private static void Rows(IEmbeddingModel model, byte[] pixels, int count, int side, float[][] into, int offset)
    {
        using var scope = NewDisposeScope();
        using var bytes = tensor(pixels, [count, 1, side, side]);
        // Same float conversion as ImageCache.Batch and the serving path: pixel / 255f.
        var input = bytes.to_type(ScalarType.Float32).div_(255f);
        var embedding = model.Embedding(input);
        var width = (int)embedding.shape[1];
        var values = embedding.data<float>().ToArray();
        for (var i = 0; i < count; i++)
        {
            into[offset + i] = values.AsSpan(i * width, width).ToArray();
        }
    }
}
