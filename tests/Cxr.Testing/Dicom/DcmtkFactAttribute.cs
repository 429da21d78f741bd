namespace Cxr.Testing.Dicom;

/// <summary>
/// A fact that needs DCMTK: skipped with the reason when DCMTK is missing on a developer's machine, but run (and so
/// failing with <see cref="Dcmtk.MissingMessage"/>) when <c>CI=true</c>, where a missing tool is a broken setup, not a
/// reason to pass.
/// </summary>
public sealed class DcmtkFactAttribute : FactAttribute
{
    public DcmtkFactAttribute()
    {
        if (!Dcmtk.IsInstalled && !RequiredTools.InCi)
        {
            Skip = Dcmtk.MissingMessage + " (skipped because CI is not true; with CI=true this test fails)";
        }
    }
}
