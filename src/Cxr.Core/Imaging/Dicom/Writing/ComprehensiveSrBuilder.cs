using System.Globalization;

namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>
/// Builds a Comprehensive SR document (SOP class 1.2.840.10008.5.1.4.1.1.88.33, PS3.3 A.35.3; chosen over Basic Text
/// SR because that IOD does not allow NUM items, and a probability is a number) as a new series of the input's study:
/// Patient and General Study modules from <see cref="DicomPatientStudy"/>, SR Document Series (Modality <c>SR</c>),
/// General Equipment, SR Document General (Completion Flag <c>COMPLETE</c>, Verification Flag <c>UNVERIFIED</c>: no
/// person has checked it; the referenced instances in the Pertinent Other Evidence Sequence), SR Document Content (the
/// tree under <c>root</c>, no template) and SOP Common (Contributing Equipment, private coding schemes).
/// </summary>
public static class ComprehensiveSrBuilder
{
    /// <summary>Comprehensive SR Storage.</summary>
    public const string SopClassUid = "1.2.840.10008.5.1.4.1.1.88.33";

    /// <summary>Builds the object.</summary>
    /// <param name="study">What is copied from the input.</param>
    /// <param name="algorithm">The software whose observations the report holds.</param>
    /// <param name="root">The root container (its relationship is not written).</param>
    /// <param name="evidence">Instances the report is about, listed as Pertinent Other Evidence (grouped by series);
    /// none: the sequence is left out.</param>
    /// <param name="codingSchemes">Private coding schemes the tree's codes use.</param>
    /// <param name="createdUtc">When the report is made (content, series and instance creation date and time).</param>
    /// <param name="seriesNumber">Series Number of the new series.</param>
    /// <param name="seriesDescription">Series Description (LO, ≤ 64 characters).</param>
    public static DicomObject Build(
        DicomPatientStudy study, DicomAlgorithm algorithm, SrContainer root, IReadOnlyList<DicomInstanceReference> evidence,
        IReadOnlyList<DicomCodingScheme> codingSchemes, DateTimeOffset createdUtc, int seriesNumber, string seriesDescription)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(codingSchemes);
        var series = DicomUid.Create();
        var instance = DicomUid.Create();
        var date = DicomDateTime.Date(createdUtc);
        var time = DicomDateTime.Time(createdUtc);
        var d = new DicomOutputDataSet();
        study.WriteTo(d);

        // SR Document Series.
        DicomNewSeries.Write(d, "SR", series, seriesNumber, date, time, seriesDescription)
            .Sequence(DicomTags.ReferencedPerformedProcedureStepSequence);

        algorithm.WriteGeneralEquipment(d);

        // SR Document General.
        d.Text(DicomTags.InstanceNumber, "IS", "1")
            .Text(DicomTags.CompletionFlag, "CS", "COMPLETE")
            .Text(DicomTags.VerificationFlag, "CS", "UNVERIFIED")
            .Text(DicomTags.ContentDate, "DA", date)
            .Text(DicomTags.ContentTime, "TM", time)
            .Sequence(DicomTags.PerformedProcedureCodeSequence);
        if (evidence.Count > 0)
        {
            d.Sequence(DicomTags.PertinentOtherEvidenceSequence, new DicomOutputDataSet()
                .Sequence(DicomTags.ReferencedSeriesSequence, evidence.GroupBy(e => e.SeriesInstanceUid, StringComparer.Ordinal).Select(g => new DicomOutputDataSet()
                    .Sequence(DicomTags.ReferencedSopSequence, g.Select(e => new DicomOutputDataSet()
                        .Text(DicomTags.ReferencedSopClassUid, "UI", e.SopClassUid)
                        .Text(DicomTags.ReferencedSopInstanceUid, "UI", e.SopInstanceUid)))
                    .Text(DicomTags.SeriesInstanceUid, "UI", g.Key)))
                .Text(DicomTags.StudyInstanceUid, "UI", study.StudyInstanceUid));
        }

        // SR Document Content: the root container without a relationship.
        d.Text(DicomTags.ValueType, "CS", root.ValueType)
            .Sequence(DicomTags.ConceptNameCodeSequence, root.Concept.ToItem());
        root.WriteValue(d);

        DicomSopCommon.Write(d, SopClassUid, instance, algorithm, createdUtc);
        if (codingSchemes.Count > 0)
        {
            d.Sequence(DicomTags.CodingSchemeIdentificationSequence, codingSchemes.Select(s => s.ToItem()));
        }

        return new DicomObject(DicomPart10Writer.Write(d, SopClassUid, instance), SopClassUid, instance, series, study.StudyInstanceUid);
    }
}
