using System.Diagnostics;
using Cxr.Cli.Predictions;
using Cxr.Core.Contracts;
using Cxr.Core.Data;
using Cxr.Core.Evaluation;
using Cxr.Inference;

namespace Cxr.Cli.Evaluation;

/// <summary>Predicts every image of an <see cref="EvaluationSet"/> and computes the metrics with
/// <see cref="Cxr.Core.Evaluation"/>.</summary>
internal static class EvaluationRunner
{
    private static readonly string[] PneumoniaSubtypes = ["bacteria", "virus"];

    /// <exception cref="InvalidDataException">Some images could not be predicted (metrics over a part of the split would
    /// mislead); the message names how many and the first.</exception>
    public static EvaluationResult Run(
        ChestXrayPredictor predictor,
        EvaluationSet set,
        double? threshold,
        int bootstrapIterations,
        int seed,
        Action<int>? progress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var files = set.Records.Select(r => r.Path).ToList();
        // Metrics cover every image of the split: images the input guard would refuse are still scored (forced) and
        // counted separately, so the guard cannot make the numbers look better by dropping hard films.
        var results = FilePredictionRunner.Run(
            predictor, files, new PredictionRequest(threshold, Heatmap: false), (file, p) => IFileResult.From(file, p, force: true), progress, cancellationToken);
        var failed = results.OfType<FileFailure>().ToList();
        if (failed.Count > 0)
        {
            throw new InvalidDataException(
                $"{failed.Count} of {results.Length} images could not be predicted (first: {failed[0].File}: {failed[0].Error}); " +
                "fix or remove them so the metrics cover the whole split.");
        }

        var secondsPerImage = clock.Elapsed.TotalSeconds / results.Length;
        var labels = set.Records.Select(r => (int)r.Label).ToArray();
        // Forced: every file that did not fail is a prediction.
        var predictions = results.Cast<FilePrediction>().ToList();
        var probabilities = predictions.Select(p => p.Probability).ToArray();
        var t = threshold ?? predictor.Model.Threshold;
        var metrics = BinaryMetrics.Compute(labels, probabilities, t);
        var intervals = BootstrapIntervals.Compute(
            labels, probabilities, t, bootstrapIterations, seed, EvaluationResult.Confidence, set.Records.Select(r => r.Patient).ToList());

        var subtypes = PneumoniaSubtypes
            .Select(s =>
            {
                var members = Enumerable.Range(0, labels.Length).Where(i => set.Records[i].Subtype == s && labels[i] == 1).ToList();
                return new SubtypeSensitivity(s, members.Count, members.Count(i => probabilities[i] >= t));
            })
            .ToList();

        var misclassified = Enumerable.Range(0, labels.Length)
            .Where(i => (probabilities[i] >= t) != (labels[i] == 1))
            .OrderByDescending(i => Math.Abs(probabilities[i] - t))
            .ThenBy(i => set.Records[i].Path, StringComparer.Ordinal)
            .Select(i => new Misclassification(set.RelativePath(set.Records[i]), ClassLabels.Of(set.Records[i].Label), probabilities[i]))
            .ToList();

        return new EvaluationResult(predictor.Model, set, labels, probabilities, metrics, intervals, bootstrapIterations, seed, subtypes, misclassified, secondsPerImage)
        {
            GuardRefusals = predictions.Where(p => p.Forced).GroupBy(p => p.InputCheck.Reason!).ToDictionary(g => g.Key, g => g.Count()),
        };
    }
}
