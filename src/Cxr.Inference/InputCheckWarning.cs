namespace Cxr.Inference;

/// <summary>Something about the input the answer should be read with, although no check refused it (see
/// <see cref="InputCheck.Warnings"/>).</summary>
/// <param name="Code">A stable code: one of <see cref="InputCheckReasons.Warnings"/>, e.g. <c>adult</c>.</param>
/// <param name="Message">One sentence for people; it never quotes a DICOM header value.</param>
public sealed record InputCheckWarning(string Code, string Message);
