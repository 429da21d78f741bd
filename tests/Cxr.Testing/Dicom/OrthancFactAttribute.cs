namespace Cxr.Testing.Dicom;

/// <summary>A fact that needs Orthanc: skipped with the reason when it is missing on a developer's machine, run (and so
/// failing with <see cref="OrthancServer.MissingMessage"/>) when <c>CI=true</c>, as <see cref="DcmtkFactAttribute"/>.
/// The tests that use it also need DCMTK to make their input.</summary>
public sealed class OrthancFactAttribute : FactAttribute
{
    public OrthancFactAttribute()
    {
        if ((!OrthancServer.IsInstalled || !Dcmtk.IsInstalled) && !RequiredTools.InCi)
        {
            Skip = (OrthancServer.IsInstalled ? Dcmtk.MissingMessage : OrthancServer.MissingMessage) +
                   " (skipped because CI is not true; with CI=true this test fails)";
        }
    }
}
