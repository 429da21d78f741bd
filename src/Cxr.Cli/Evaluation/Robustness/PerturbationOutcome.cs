using Cxr.Core.Evaluation;

namespace Cxr.Cli.Evaluation.Robustness;

/// <summary>What one perturbation did to the whole set, at the evaluation's threshold, next to the unperturbed films.</summary>
/// <param name="Name">The perturbation's name (<see cref="Cxr.Core.Imaging.Perturbations.FilmPerturbation.Name"/>).</param>
/// <param name="Description">What it does, with its magnitude.</param>
/// <param name="Auc">ROC AUC on the perturbed films.</param>
/// <param name="Sensitivity">Sensitivity on the perturbed films at the threshold.</param>
/// <param name="Specificity">Specificity on the perturbed films at the threshold.</param>
/// <param name="DeltaAuc">AUC minus the unperturbed AUC.</param>
/// <param name="DeltaSensitivity">Sensitivity minus the unperturbed sensitivity (a fraction; × 100 for points).</param>
/// <param name="DeltaSpecificity">Specificity minus the unperturbed specificity.</param>
/// <param name="MeanAbsDeltaProbability">Mean over films of |P(pneumonia) perturbed − unperturbed|.</param>
/// <param name="MaxAbsDeltaProbability">The largest of those differences.</param>
/// <param name="FlippedToPneumonia">Films called NORMAL unperturbed and PNEUMONIA perturbed.</param>
/// <param name="FlippedToNormal">Films called PNEUMONIA unperturbed and NORMAL perturbed.</param>
internal sealed record PerturbationOutcome(
    string Name,
    string Description,
    double Auc,
    double Sensitivity,
    double Specificity,
    double DeltaAuc,
    double DeltaSensitivity,
    double DeltaSpecificity,
    double MeanAbsDeltaProbability,
    double MaxAbsDeltaProbability,
    int FlippedToPneumonia,
    int FlippedToNormal)
{
    /// <summary>Decisions that changed either way.</summary>
    public int Flipped => FlippedToPneumonia + FlippedToNormal;

    /// <summary>Compares the perturbed probabilities with the unperturbed ones (<paramref name="baseline"/> was
    /// computed from <paramref name="unperturbed"/> at <paramref name="threshold"/>).</summary>
    public static PerturbationOutcome Compute(
        string name, string description, int[] labels, double[] unperturbed, BinaryMetrics baseline, double[] perturbed, double threshold)
    {
        var metrics = BinaryMetrics.Compute(labels, perturbed, threshold);
        int toPneumonia = 0, toNormal = 0;
        double sum = 0, max = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var change = Math.Abs(perturbed[i] - unperturbed[i]);
            sum += change;
            max = Math.Max(max, change);
            var before = unperturbed[i] >= threshold;
            var after = perturbed[i] >= threshold;
            if (after && !before)
            {
                toPneumonia++;
            }
            else if (before && !after)
            {
                toNormal++;
            }
        }

        return new PerturbationOutcome(
            name, description, metrics.Auc, metrics.Sensitivity, metrics.Specificity,
            metrics.Auc - baseline.Auc, metrics.Sensitivity - baseline.Sensitivity, metrics.Specificity - baseline.Specificity,
            labels.Length == 0 ? 0 : sum / labels.Length, max, toPneumonia, toNormal);
    }
}
