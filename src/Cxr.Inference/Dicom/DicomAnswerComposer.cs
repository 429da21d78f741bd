using System.Globalization;
using Cxr.Core.Contracts;
using Cxr.Core.Imaging;
using Cxr.Core.Imaging.Dicom;
using Cxr.Core.Imaging.Dicom.Writing;
using Cxr.Core.Text;

namespace Cxr.Inference.Dicom;

/// <summary>
/// Turns a prediction on a DICOM input into two new objects of the input's study (Issue #13, "answers as DICOM"):
/// a Secondary Capture (series 9001) with the heatmap overlay on the film and, burned in, "RESEARCH USE ONLY — NOT FOR
/// DIAGNOSIS", the probability, the decision and the model's name and version; and a Comprehensive SR (series 9002)
/// with the finding, the probability, the threshold and the input check, Verification Flag UNVERIFIED, and the model's
/// name, version and weights SHA-256 as the contributing equipment and as algorithm context items.
/// </summary>
/// <remarks>Only the patient and study identification (<see cref="DicomPatientStudy"/>) is copied from the input; the
/// input's SOP class and instance UIDs are referenced (SC: Source Image Sequence; SR: Pertinent Other Evidence, with the
/// SC). Every other UID is new, <c>2.25.</c> UUID-derived.</remarks>
public static class DicomAnswerComposer
{
    /// <summary>Series Number of the Secondary Capture.</summary>
    public const int SecondaryCaptureSeriesNumber = 9001;

    /// <summary>Series Number of the report.</summary>
    public const int ReportSeriesNumber = 9002;

    /// <summary>Written as Manufacturer in both objects.</summary>
    public const string Manufacturer = "cxr (research software)";

    /// <summary>The private coding scheme of the report's concepts that no public scheme names.</summary>
    public static DicomCodingScheme PrivateScheme { get; } = new("99CXR", "cxr chest X-ray classifier concepts", "cxr developers");

    /// <summary>Root container: Diagnostic Imaging Report (LOINC 18748-4).</summary>
    public static DicomCode ReportTitle { get; } = new("18748-4", "LN", "Diagnostic Imaging Report");

    /// <summary>Finding (DCM 121071), whose value is <see cref="Pneumonia"/> or <see cref="Normal"/>.</summary>
    public static DicomCode Finding { get; } = new("121071", "DCM", "Finding");

    /// <summary>SNOMED CT 233604007.</summary>
    public static DicomCode Pneumonia { get; } = new("233604007", "SCT", "Pneumonia");

    /// <summary>SNOMED CT 17621005.</summary>
    public static DicomCode Normal { get; } = new("17621005", "SCT", "Normal");

    /// <summary>The calibrated probability of PNEUMONIA, in [0, 1].</summary>
    public static DicomCode Probability { get; } = new("PNEUMONIA-PROB", "99CXR", "Probability of pneumonia");

    /// <summary>The threshold the decision was made at, in [0, 1].</summary>
    public static DicomCode Threshold { get; } = new("THRESHOLD", "99CXR", "Decision threshold");

    /// <summary>Whether the input is a frontal chest X-ray, as the input guard judged.</summary>
    public static DicomCode InputCheck { get; } = new("INPUT-CHECK", "99CXR", "Input check");

    /// <summary>Comment (DCM 121106), holding the disclaimer.</summary>
    public static DicomCode Comment { get; } = new("121106", "DCM", "Comment");

    /// <summary>Algorithm Name (DCM 111001).</summary>
    public static DicomCode AlgorithmName { get; } = new("111001", "DCM", "Algorithm Name");

    /// <summary>Algorithm Version (DCM 111003).</summary>
    public static DicomCode AlgorithmVersion { get; } = new("111003", "DCM", "Algorithm Version");

    /// <summary>Algorithm Parameters (DCM 111002): here the weights' SHA-256.</summary>
    public static DicomCode AlgorithmParameters { get; } = new("111002", "DCM", "Algorithm Parameters");

    /// <summary>The disclaimer the report's Comment item carries (ASCII, so it needs no character set).</summary>
    public const string ResearchUseOnly = "RESEARCH USE ONLY - NOT FOR DIAGNOSIS. " + Disclaimer.Statement;

    /// <summary>Composes the two objects.</summary>
    /// <param name="prediction">The prediction on a DICOM file: its image carries the file's header
    /// (<see cref="PreprocessedImage.DicomHeader"/>), so the file is not read again.</param>
    /// <param name="model">The model that made it.</param>
    /// <param name="createdUtc">When the objects are made (default: now, UTC).</param>
    /// <exception cref="NotDicomInputException">The prediction's image is not DICOM.</exception>
    public static DicomAnswer Compose(Prediction prediction, ModelInfo model, DateTimeOffset? createdUtc = null)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(model);
        if (prediction.Image.Format != ImageFormat.Dicom || prediction.Image.DicomHeader is not { } header)
        {
            throw new NotDicomInputException(prediction.Image.Format);
        }

        var at = (createdUtc ?? DateTimeOffset.UtcNow).ToUniversalTime();
        var study = DicomPatientStudy.From(header);
        var source = DicomInstanceReference.From(header);
        var algorithm = new DicomAlgorithm(Manufacturer, model.Name, model.Version, model.Sha256);

        var (rgb, width, height) = DicomAnswerPicture.Render(prediction, model);
        var picture = SecondaryCaptureBuilder.Build(
            study, algorithm, rgb, width, height, source, at, SecondaryCaptureSeriesNumber,
            "cxr heatmap - RESEARCH USE ONLY",
            $"Class-activation heatmap of model {model.Name} {model.Version} over the source image, with the research-use " +
            "notice, the probability and the decision burned in. " + Disclaimer.Statement);

        List<DicomInstanceReference> evidence = source is null ? [picture.Reference] : [source, picture.Reference];
        var report = ComprehensiveSrBuilder.Build(
            study, algorithm, Tree(prediction, model), evidence, [PrivateScheme], at, ReportSeriesNumber,
            "cxr report - RESEARCH USE ONLY");
        return new DicomAnswer(picture, report, study);
    }

    /// <summary>The report's content tree: algorithm context, the disclaimer, the finding, probability, threshold and
    /// input check.</summary>
    public static SrContainer Tree(Prediction prediction, ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(model);
        var check = prediction.InputCheck;
        var checkText = check.IsChestXray
            ? "Passed: the input guard judged the image a frontal chest X-ray."
            : $"Failed ({check.Reason}): {check.Message} Forced past the input guard: the finding is not a finding.";
        return new SrContainer(SrRelationship.Contains, ReportTitle,
        [
            new SrText(SrRelationship.HasObservationContext, AlgorithmName, model.Name),
            new SrText(SrRelationship.HasObservationContext, AlgorithmVersion, model.Version),
            new SrText(SrRelationship.HasObservationContext, AlgorithmParameters, "weights SHA-256 " + model.Sha256),
            new SrText(SrRelationship.Contains, Comment, ResearchUseOnly),
            new SrCode(SrRelationship.Contains, Finding, prediction.Label == ClassLabels.Pneumonia ? Pneumonia : Normal),
            new SrNumber(SrRelationship.Contains, Probability, prediction.Probability, SrNumber.NoUnits),
            new SrNumber(SrRelationship.Contains, Threshold, prediction.Threshold, SrNumber.NoUnits),
            new SrText(SrRelationship.Contains, InputCheck, checkText),
        ]);
    }
}
