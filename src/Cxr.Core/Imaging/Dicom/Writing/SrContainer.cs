namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>A CONTAINER content item: a heading whose <paramref name="Children"/> are separate (Continuity Of Content
/// <c>SEPARATE</c>).</summary>
public sealed record SrContainer(string Relationship, DicomCode Concept, IReadOnlyList<SrContentItem> Children)
    : SrContentItem(Relationship, Concept)
{
    public override string ValueType => "CONTAINER";

    internal override void WriteValue(DicomOutputDataSet item)
    {
        item.Text(DicomTags.ContinuityOfContent, "CS", "SEPARATE");
        item.Sequence(DicomTags.ContentSequence, Children.Select(c => c.ToItem()));
    }
}
