namespace Cxr.Testing.Dicom;

/// <summary>A fact that needs <c>dciodvfy</c>: skipped with the reason when it is missing on a developer's machine, run
/// (and so failing with <see cref="Dciodvfy.MissingMessage"/>) when <c>CI=true</c>, as <see cref="DcmtkFactAttribute"/>.
/// The tests that use it also need DCMTK to make their input.</summary>
public sealed class DciodvfyFactAttribute : FactAttribute
{
    public DciodvfyFactAttribute()
    {
        if ((!Dciodvfy.IsInstalled || !Dcmtk.IsInstalled) && !RequiredTools.InCi)
        {
            Skip = (Dciodvfy.IsInstalled ? Dcmtk.MissingMessage : Dciodvfy.MissingMessage) +
                   " (skipped because CI is not true; with CI=true this test fails)";
        }
    }
}
