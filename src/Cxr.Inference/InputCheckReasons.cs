using Cxr.Core.Imaging.Dicom;

namespace Cxr.Inference;

/// <summary>Why an image is judged not to be a frontal chest X-ray (<see cref="InputCheck.Reason"/>). Part of the API
/// contract: never rename one, only add.</summary>
public static class InputCheckReasons
{
    /// <summary>The image is in colour; radiographs are gray.</summary>
    public const string Color = "color";

    /// <summary>The image is far wider than tall, or the reverse; no chest film has that shape.</summary>
    public const string AspectRatio = "aspect_ratio";

    /// <summary>The image is (nearly) one flat tone: nothing to read.</summary>
    public const string LowContrast = "low_contrast";

    /// <summary>The image looks like a chest film turned on its side or upside down.</summary>
    public const string Rotated = "rotated";

    /// <summary>The image looks like an inverted chest film (a negative: bones dark, lungs light).</summary>
    public const string Inverted = "inverted";

    /// <summary>The image's features are farther from the training films than the model's threshold.</summary>
    public const string OutOfDistribution = "out_of_distribution";

    /// <summary>DICOM header gate: the Modality (or, without one, the SOP Class) is not a radiograph's (CR or DX).</summary>
    public const string DicomModality = DicomGateReasons.Modality;

    /// <summary>DICOM header gate: the image is FOR PROCESSING (raw detector data), not FOR PRESENTATION.</summary>
    public const string ForProcessing = DicomGateReasons.ForProcessing;

    /// <summary>DICOM header gate: Body Part Examined is present and is not the chest.</summary>
    public const string DicomBodyPart = DicomGateReasons.BodyPart;

    /// <summary>DICOM header gate: View Position says lateral; the model reads frontal films.</summary>
    public const string Lateral = DicomGateReasons.Lateral;

    /// <summary>Warning code (<see cref="InputCheck.Warnings"/>, not a reason): the DICOM Patient's Age is over 18 years.</summary>
    public const string Adult = DicomGateReasons.Adult;

    /// <summary>Every reason, for documentation and tests: the DICOM header gate's first (they are checked before the
    /// image is looked at), then the image guard's.</summary>
    public static IReadOnlyList<string> All { get; } =
        [DicomModality, ForProcessing, DicomBodyPart, Lateral, Color, AspectRatio, LowContrast, Rotated, Inverted, OutOfDistribution];

    /// <summary>Every warning code.</summary>
    public static IReadOnlyList<string> Warnings { get; } = [Adult];
}
