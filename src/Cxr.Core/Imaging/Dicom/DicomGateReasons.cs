namespace Cxr.Core.Imaging.Dicom;

/// <summary>The codes <see cref="DicomHeaderGate"/> reports: refusals (the header says the file is not a frontal chest
/// radiograph for presentation) and warnings (it is, but outside what the model was trained on). They are input-check
/// reasons of the API (<c>inputCheck.reason</c>, <c>inputCheck.warnings[].code</c>): never rename one, only add.</summary>
public static class DicomGateReasons
{
    /// <summary>Refusal: Modality (0008,0060) is present and neither CR nor DX, or, without a Modality, the SOP Class
    /// (0008,0016) is not a radiograph or secondary capture class.</summary>
    public const string Modality = "dicom_modality";

    /// <summary>Refusal: Presentation Intent Type (0008,0068) is FOR PROCESSING, or the SOP Class is a For Processing one:
    /// raw detector data, not an image processed for viewing.</summary>
    public const string ForProcessing = "for_processing";

    /// <summary>Refusal: Body Part Examined (0018,0015) is present and does not name the chest.</summary>
    public const string BodyPart = "dicom_body_part";

    /// <summary>Refusal: View Position (0018,5101) is a lateral view (LL, RL, LAT, LATERAL).</summary>
    public const string Lateral = "lateral";

    /// <summary>Warning, not a refusal: Patient's Age (0010,1010) is over 18 years; the model saw children aged 1-5.</summary>
    public const string Adult = "adult";

    /// <summary>Every refusal code, in the order the rules are checked.</summary>
    public static IReadOnlyList<string> Refusals { get; } = [Modality, ForProcessing, BodyPart, Lateral];

    /// <summary>Every warning code.</summary>
    public static IReadOnlyList<string> Warnings { get; } = [Adult];
}
