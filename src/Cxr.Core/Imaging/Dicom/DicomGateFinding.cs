namespace Cxr.Core.Imaging.Dicom;

/// <summary>One thing <see cref="DicomHeaderGate"/> found.</summary>
/// <param name="Code">One of <see cref="DicomGateReasons"/>.</param>
/// <param name="Message">One sentence for people. It names the attribute but never quotes its value: header values are
/// patient data or free text, and messages may end up in logs.</param>
public sealed record DicomGateFinding(string Code, string Message);
