using System.Globalization;

namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>A NUM content item: a number in <paramref name="Units"/> (UCUM), written as a DS of at most 16 characters
/// (six decimals for values in [0, 1]).</summary>
public sealed record SrNumber(string Relationship, DicomCode Concept, double Value, DicomCode Units) : SrContentItem(Relationship, Concept)
{
    /// <summary>UCUM <c>1</c>: a unitless ratio such as a probability.</summary>
    public static DicomCode NoUnits { get; } = new("1", "UCUM", "no units");

    public override string ValueType => "NUM";

    internal override void WriteValue(DicomOutputDataSet item)
    {
        if (!double.IsFinite(Value))
        {
            throw new ArgumentException($"A NUM value is finite; got {Value}.");
        }

        item.Sequence(DicomTags.MeasuredValueSequence, new DicomOutputDataSet()
            .Sequence(DicomTags.MeasurementUnitsCodeSequence, Units.ToItem())
            .Text(DicomTags.NumericValue, "DS", Value.ToString("0.######", CultureInfo.InvariantCulture)));
    }
}
