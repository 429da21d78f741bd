namespace Cxr.Inference;

/// <summary>How a model passed its self-test at load (see <see cref="ChestXrayPredictor.Load(string, PredictorOptions?)"/>).</summary>
/// <param name="WeightsSha256">The weights' SHA-256 (lower-case hex), equal to the one the file records.</param>
/// <param name="ProbeImages">Probe images run through ONNX Runtime.</param>
/// <param name="Tolerance">The relative tolerance of the comparison.</param>
/// <param name="MaxLogitDeviation">Largest |ONNX Runtime − TorchSharp| over the probe logits.</param>
/// <param name="MaxFeatureDeviation">Largest |ONNX Runtime − TorchSharp| over the probe features.</param>
/// <param name="MaxGuardDeviation">Largest |ONNX Runtime − TorchSharp| over the probe guard distances; null without a
/// guard.</param>
/// <param name="ElapsedMs">Wall time of both checks (hash and probe run).</param>
public sealed record ModelSelfTestResult(
    string WeightsSha256,
    int ProbeImages,
    double Tolerance,
    double MaxLogitDeviation,
    double MaxFeatureDeviation,
    double? MaxGuardDeviation,
    double ElapsedMs)
{
    /// <summary>Largest |ONNX Runtime − TorchSharp| over the probe images' member spread; null for a model that is no
    /// ensemble.</summary>
    public double? MaxMemberSpreadDeviation { get; init; }
}
