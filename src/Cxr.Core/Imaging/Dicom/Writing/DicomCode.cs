namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>A coded concept (PS3.3 8.8 Code Sequence Macro): code value (SH, ≤ 16 characters), coding scheme designator
/// (<c>DCM</c>, <c>LN</c>, <c>SCT</c>, <c>UCUM</c>, or a private <c>99...</c> scheme) and code meaning (LO, ≤ 64).</summary>
public sealed record DicomCode(string Value, string Scheme, string Meaning)
{
    /// <summary>The code as one sequence item (Code Value, Coding Scheme Designator, Code Meaning).</summary>
    internal DicomOutputDataSet ToItem() => new DicomOutputDataSet()
        .Text(DicomTags.CodeValue, "SH", Value)
        .Text(DicomTags.CodingSchemeDesignator, "SH", Scheme)
        .Text(DicomTags.CodeMeaning, "LO", Meaning);
}
