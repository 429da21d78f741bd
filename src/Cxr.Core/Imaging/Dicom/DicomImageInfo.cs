namespace Cxr.Core.Imaging.Dicom;

/// <summary>What a DICOM file says about itself, read without decoding its pixels.</summary>
/// <param name="TransferSyntax">The data set's transfer syntax.</param>
/// <param name="Header">The descriptive fields (modality, view, patient, study).</param>
/// <param name="Pixels">The pixel description and display transforms.</param>
public sealed record DicomImageInfo(DicomTransferSyntax TransferSyntax, DicomHeader Header, DicomPixelModule Pixels);
