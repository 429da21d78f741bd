namespace Cxr.Core.Imaging.Dicom;

/// <summary>What <see cref="DicomHeaderGate.Check"/> says about one header.</summary>
/// <param name="Refusal">The first rule the header breaks, or null when it passes.</param>
/// <param name="Warnings">What holds even for a header that passes (e.g. <see cref="DicomGateReasons.Adult"/>); empty
/// when nothing does. Reported with a refusal too.</param>
public sealed record DicomGateResult(DicomGateFinding? Refusal, IReadOnlyList<DicomGateFinding> Warnings)
{
    /// <summary>Nothing to say: the header passes with no warning.</summary>
    public static DicomGateResult Pass { get; } = new(null, []);

    /// <summary>True when the header breaks no rule.</summary>
    public bool Passed => Refusal is null;
}
