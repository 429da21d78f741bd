using Cxr.Core.Imaging.Dicom.Writing;

namespace Cxr.Inference.Dicom;

/// <summary>A prediction as two DICOM objects in the input's study: the Secondary Capture picture and the
/// Comprehensive SR report (see <see cref="DicomAnswerComposer"/>).</summary>
/// <param name="SecondaryCapture">The film with the heatmap and the burned-in text.</param>
/// <param name="Report">The structured report.</param>
/// <param name="Study">What was copied from the input.</param>
public sealed record DicomAnswer(DicomObject SecondaryCapture, DicomObject Report, DicomPatientStudy Study);
