using Cxr.Core.Evaluation;
using Cxr.Training.Data;
using Cxr.Training.Models;

namespace Cxr.Training.Trainer;

/// <summary>An epoch's validation result on the uncalibrated model: mean binary cross-entropy (the negative
/// log-likelihood calibration minimises), ROC AUC, and the confusion counts at probability 0.5.</summary>
internal sealed record ValidationMetrics(double Loss, double Auc, ConfusionCounts Counts)
{
    /// <summary>Runs the model over <paramref name="validation"/> (in eval mode, see <see cref="ModelTrainer.PredictLogits"/>).</summary>
    public static ValidationMetrics Compute(CxrModel model, ImageCache validation)
    {
        var logits = ModelTrainer.PredictLogits(model, validation);
        var labels = validation.Labels;
        var probabilities = logits.Select(l => TemperatureScaling.Apply(l, 1.0)).ToArray();
        // The NLL refuses an empty split; the trainer has always recorded a loss of 0 for one (its AUC is NaN).
        var loss = logits.Length == 0 ? 0 : TemperatureScaling.NegativeLogLikelihood(labels, logits);
        return new ValidationMetrics(loss, RocAnalysis.Auc(labels, probabilities), ConfusionCounts.From(labels, probabilities, 0.5));
    }
}
