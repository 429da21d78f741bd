namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>A private coding scheme the object's codes use, declared in the Coding Scheme Identification Sequence
/// (PS3.3 C.12.1.1.4) so readers know what <paramref name="Designator"/> (<c>99...</c>) means.</summary>
public sealed record DicomCodingScheme(string Designator, string Name, string ResponsibleOrganization)
{
    internal DicomOutputDataSet ToItem() => new DicomOutputDataSet()
        .Text(DicomTags.CodingSchemeDesignator, "SH", Designator)
        .Text(DicomTags.CodingSchemeName, "ST", Name)
        .Text(DicomTags.CodingSchemeResponsibleOrganization, "ST", ResponsibleOrganization);
}
