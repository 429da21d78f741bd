using Cxr.Core.Imaging;
using Cxr.Inference;
using Cxr.Inference.Dicom;

namespace Cxr.Cli.Predictions;

/// <summary><c>cxr predict --dicom-out</c>: writes a DICOM input's answer as its two objects (see
/// <see cref="DicomAnswerComposer"/>); a non-DICOM input is noted as skipped, since there is no study to add to. Files
/// are written only with the flag: patient images are never persisted by default.</summary>
internal static class DicomAnswerWriter
{
    /// <summary>The note for a non-DICOM input.</summary>
    public const string NotDicom = "not a DICOM input: no DICOM objects written (they join the input's study)";

    /// <summary>Writes the objects for <paramref name="result"/> and returns it with their paths (or the skip note).</summary>
    public static FilePrediction Write(FilePrediction result, Prediction prediction, ModelInfo model, DicomAnswerFileNames names)
    {
        if (prediction.Image.Format != ImageFormat.Dicom)
        {
            return result with { DicomSkipped = NotDicom };
        }

        var answer = DicomAnswerComposer.Compose(prediction, model);
        var (sc, sr) = names.For(result.File);
        File.WriteAllBytes(sc, answer.SecondaryCapture.Bytes);
        File.WriteAllBytes(sr, answer.Report.Bytes);
        return result with { DicomObjects = [sc, sr] };
    }
}
