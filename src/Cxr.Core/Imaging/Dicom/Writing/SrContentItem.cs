namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>One content item of a structured report's tree (PS3.3 C.17.3): how it relates to its parent
/// (<see cref="SrRelationship"/>; ignored for the root), its concept name, and a value of its kind.</summary>
public abstract record SrContentItem(string Relationship, DicomCode Concept)
{
    /// <summary>Value Type (0040,A040): <c>CONTAINER</c>, <c>TEXT</c>, <c>CODE</c> or <c>NUM</c>.</summary>
    public abstract string ValueType { get; }

    /// <summary>Writes the item's value attributes (and, for a container, its children).</summary>
    internal abstract void WriteValue(DicomOutputDataSet item);

    /// <summary>The item as a Content Sequence item: Relationship Type, Value Type, Concept Name Code Sequence, value.</summary>
    internal DicomOutputDataSet ToItem()
    {
        var item = new DicomOutputDataSet()
            .Text(DicomTags.RelationshipType, "CS", Relationship)
            .Text(DicomTags.ValueType, "CS", ValueType)
            .Sequence(DicomTags.ConceptNameCodeSequence, Concept.ToItem());
        WriteValue(item);
        return item;
    }
}
