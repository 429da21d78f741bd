namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>The software that made an object: written as the General Equipment module (Manufacturer, Manufacturer's
/// Model Name = <see cref="Name"/>, Software Versions = <see cref="Version"/>) and as the one item of the Contributing
/// Equipment Sequence (purpose: Processing Equipment), whose Contribution Description names the weights' SHA-256.</summary>
/// <param name="Manufacturer">Who made the software, e.g. <c>cxr (research software)</c> (LO, ≤ 64).</param>
/// <param name="Name">The model's name, e.g. <c>cxr-default</c> (LO, ≤ 64).</param>
/// <param name="Version">The model's version (LO, ≤ 64).</param>
/// <param name="WeightsSha256">Lower-case hex SHA-256 of the model file (64 characters).</param>
public sealed record DicomAlgorithm(string Manufacturer, string Name, string Version, string WeightsSha256)
{
    /// <summary>Processing Equipment (DCM 109102, CID 7005), the purpose of the contributing equipment item.</summary>
    public static DicomCode ProcessingEquipment { get; } = new("109102", "DCM", "Processing Equipment");

    /// <summary>The Contribution Description: model name, version and weights SHA-256.</summary>
    public string ContributionDescription => $"Model {Name} version {Version}, weights SHA-256 {WeightsSha256}";

    /// <summary>Writes General Equipment's Manufacturer, Manufacturer's Model Name and Software Versions.</summary>
    internal void WriteGeneralEquipment(DicomOutputDataSet dataSet) => dataSet
        .Text(DicomTags.Manufacturer, "LO", Manufacturer)
        .Text(DicomTags.ManufacturerModelName, "LO", Name)
        .Text(DicomTags.SoftwareVersions, "LO", Version);

    /// <summary>Writes the Contributing Equipment Sequence (SOP Common module) with one item, contributed at
    /// <paramref name="at"/>.</summary>
    internal void WriteContributingEquipment(DicomOutputDataSet dataSet, DateTimeOffset at) => dataSet.Sequence(
        DicomTags.ContributingEquipmentSequence,
        new DicomOutputDataSet()
            .Text(DicomTags.Manufacturer, "LO", Manufacturer)
            .Text(DicomTags.ManufacturerModelName, "LO", Name)
            .Text(DicomTags.SoftwareVersions, "LO", Version)
            .Text(DicomTags.ContributionDateTime, "DT", DicomDateTime.DateTime(at))
            .Text(DicomTags.ContributionDescription, "ST", ContributionDescription)
            .Sequence(DicomTags.PurposeOfReferenceCodeSequence, ProcessingEquipment.ToItem()));
}
