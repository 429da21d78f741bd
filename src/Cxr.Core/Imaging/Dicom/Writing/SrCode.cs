namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>A CODE content item: the concept's value is itself a coded concept.</summary>
public sealed record SrCode(string Relationship, DicomCode Concept, DicomCode Value) : SrContentItem(Relationship, Concept)
{
    public override string ValueType => "CODE";

    internal override void WriteValue(DicomOutputDataSet item) => item.Sequence(DicomTags.ConceptCodeSequence, Value.ToItem());
}
