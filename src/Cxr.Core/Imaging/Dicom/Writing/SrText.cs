namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>A TEXT content item: free text (UT).</summary>
public sealed record SrText(string Relationship, DicomCode Concept, string Text) : SrContentItem(Relationship, Concept)
{
    public override string ValueType => "TEXT";

    internal override void WriteValue(DicomOutputDataSet item) => item.Text(DicomTags.TextValue, "UT", Text);
}
