using Cxr.Core.Evaluation;

namespace Cxr.Training.Runs;

/// <summary>What a run fits on its held-out logits: the temperature, then the threshold its policy picks on the
/// calibrated probabilities, and the metrics there and at 0.5.</summary>
/// <param name="Temperature">T &gt; 0 of <c>probability = sigmoid(logit / T)</c>.</param>
/// <param name="Policy">The threshold policy, parsed.</param>
/// <param name="Threshold">The operating threshold on calibrated probabilities, in [0, 1].</param>
/// <param name="Probabilities">The calibrated probabilities of the held-out films, in their order.</param>
/// <param name="Metrics">The held-out metrics at <paramref name="Threshold"/>.</param>
/// <param name="AtHalf">The held-out metrics at 0.5.</param>
public sealed record RunCalibration(
    double Temperature,
    ThresholdPolicy Policy,
    double Threshold,
    double[] Probabilities,
    BinaryMetrics Metrics,
    BinaryMetrics AtHalf)
{
    /// <summary>Fits the temperature on <paramref name="logits"/> (one per film of <paramref name="labels"/>, 0 =
    /// NORMAL, 1 = PNEUMONIA), then the threshold of <paramref name="policy"/> ("youden" or "sensitivity:0.95").</summary>
    public static RunCalibration Fit(int[] labels, double[] logits, string policy)
    {
        var temperature = TemperatureScaling.Fit(labels, logits);
        var probabilities = logits.Select(l => TemperatureScaling.Apply(l, temperature)).ToArray();
        var parsed = ThresholdPolicy.Parse(policy);
        var threshold = parsed.Choose(labels, probabilities);
        return new RunCalibration(
            temperature,
            parsed,
            threshold,
            probabilities,
            BinaryMetrics.Compute(labels, probabilities, threshold),
            BinaryMetrics.Compute(labels, probabilities, 0.5));
    }
}
