namespace Cxr.Testing.Dicom;

/// <summary>A fact that needs <see cref="DicomCodecTools"/>; skipped outside CI when they are missing, failing in CI
/// (see <see cref="DicomCodecTheoryAttribute"/>).</summary>
public sealed class DicomCodecFactAttribute : FactAttribute
{
    public DicomCodecFactAttribute()
    {
        if (!DicomCodecTools.IsInstalled && !RequiredTools.InCi)
        {
            Skip = DicomCodecTools.MissingMessage + " (skipped because CI is not true; with CI=true this test fails)";
        }
    }
}
