namespace Cxr.Training.Augmentation;

/// <summary>One image's acquisition photometrics.</summary>
/// <param name="Gamma">Exponent of <c>v^γ</c>.</param>
/// <param name="BlurSigma">σ of the Gaussian in pixels.</param>
/// <param name="BlurMix">The result is <c>v + mix · (blur(v) − v)</c>: 1 blurs, −a is an unsharp mask of amount a, 0 neither.</param>
/// <param name="NoiseSigma">σ of the additive Gaussian noise.</param>
public readonly record struct PhotometricDraw(double Gamma, double BlurSigma, double BlurMix, double NoiseSigma)
{
    /// <summary>No change.</summary>
    public static PhotometricDraw Identity { get; } = new(1, 1, 0, 0);
}
