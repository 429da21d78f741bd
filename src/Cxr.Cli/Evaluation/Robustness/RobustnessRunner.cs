using System.Diagnostics;
using Cxr.Core.Imaging.Perturbations;
using Cxr.Inference;

namespace Cxr.Cli.Evaluation.Robustness;

/// <summary>
/// Runs every film of an evaluation again under each perturbation: decode once with the model's pipeline, apply each
/// change to the decoded film (before the pipeline's resize, as an acquisition change would be), resize as always, and
/// predict all the changed versions of one film in one batch. Rows compare with the evaluation's own unperturbed
/// predictions, at its threshold.
/// </summary>
internal static class RobustnessRunner
{
    /// <param name="predictor">The model the evaluation ran.</param>
    /// <param name="evaluation">The finished evaluation (its films, labels, probabilities and threshold).</param>
    /// <param name="perturbations">The changes to measure, in table order.</param>
    /// <param name="progress">Receives the number of films done.</param>
    /// <param name="cancellationToken">Checked between films and inside decoding and inference.</param>
    public static RobustnessResult Run(
        ChestXrayPredictor predictor,
        EvaluationResult evaluation,
        IReadOnlyList<FilmPerturbation> perturbations,
        Action<int>? progress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var records = evaluation.Set.Records;
        var threshold = evaluation.Metrics.Threshold;
        var request = new PredictionRequest(threshold, Heatmap: false);
        var spec = predictor.Model.Preprocess;
        var probabilities = perturbations.Select(_ => new double[records.Count]).ToArray();
        for (var i = 0; i < records.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var film = predictor.Pipeline.ProcessFile(records[i].Path, cancellationToken);
            var changed = perturbations
                .Select(p => predictor.Pipeline.Process(p.Apply(film.Original, spec), film.Format, cancellationToken))
                .ToList();
            var predictions = predictor.PredictBatch(changed, request, cancellationToken);
            for (var j = 0; j < perturbations.Count; j++)
            {
                probabilities[j][i] = predictions[j].Probability;
            }

            progress?.Invoke(i + 1);
        }

        var outcomes = perturbations
            .Select((p, j) => PerturbationOutcome.Compute(
                p.Name, p.Description, evaluation.Labels, evaluation.Probabilities, evaluation.Metrics, probabilities[j], threshold))
            .ToList();
        return new RobustnessResult(threshold, evaluation.Metrics, outcomes, clock.Elapsed.TotalSeconds);
    }
}
