namespace Cxr.Testing.Dicom;

/// <summary>
/// A theory that needs <see cref="DicomCodecTools"/> (DCMTK, gdcmconv, CharLS, OpenJPEG): skipped with the reason when
/// one is missing on a developer's machine, run (and so failing with <see cref="DicomCodecTools.MissingMessage"/>) when
/// <c>CI=true</c>, as <see cref="DcmtkFactAttribute"/>.
/// </summary>
public sealed class DicomCodecTheoryAttribute : TheoryAttribute
{
    public DicomCodecTheoryAttribute()
    {
        if (!DicomCodecTools.IsInstalled && !RequiredTools.InCi)
        {
            Skip = DicomCodecTools.MissingMessage + " (skipped because CI is not true; with CI=true this test fails)";
        }
    }
}
