namespace Cxr.Core.Imaging.Dicom.Writing;

/// <summary>
/// The patient and study identification an answer copies from its input, and nothing else: Patient's Name, Patient ID,
/// Patient's Birth Date, Patient's Sex (Patient module), Study Instance UID, Study Date, Study Time, Study ID,
/// Accession Number, Referring Physician's Name (General Study module), and the Specific Character Set that says how
/// the copied names are encoded. Null means unknown: the Type 2 attribute is written empty.
/// </summary>
public sealed record DicomPatientStudy
{
    public string? SpecificCharacterSet { get; init; }

    public string? PatientName { get; init; }

    public string? PatientId { get; init; }

    public string? PatientBirthDate { get; init; }

    public string? PatientSex { get; init; }

    /// <summary>Study Instance UID; never null (a new one when the input had none, see <see cref="From"/>).</summary>
    public required string StudyInstanceUid { get; init; }

    public string? StudyDate { get; init; }

    public string? StudyTime { get; init; }

    public string? StudyId { get; init; }

    public string? AccessionNumber { get; init; }

    public string? ReferringPhysicianName { get; init; }

    /// <summary>True when the input had no valid Study Instance UID and <see cref="StudyInstanceUid"/> is a new one (the
    /// answer then starts a study of its own rather than joining the input's).</summary>
    public bool IsNewStudy { get; init; }

    /// <summary>The identification in <paramref name="header"/>. A copied value its VR does not allow (too long, a
    /// malformed date, characters outside ISO 8859-1) is left empty rather than written invalid; a missing or malformed
    /// Study Instance UID is replaced by a new <c>2.25.</c> UID (<see cref="IsNewStudy"/>).</summary>
    public static DicomPatientStudy From(DicomHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var hasStudy = DicomUid.IsValid(header.StudyInstanceUid);
        return new DicomPatientStudy
        {
            SpecificCharacterSet = Valid("CS", header.SpecificCharacterSet),
            PatientName = Valid("PN", header.PatientName),
            PatientId = Valid("LO", header.PatientId),
            PatientBirthDate = Valid("DA", header.PatientBirthDate),
            PatientSex = Valid("CS", header.PatientSex),
            StudyInstanceUid = hasStudy ? header.StudyInstanceUid! : DicomUid.Create(),
            IsNewStudy = !hasStudy,
            StudyDate = Valid("DA", header.StudyDate),
            StudyTime = Valid("TM", header.StudyTime),
            StudyId = Valid("SH", header.StudyId),
            AccessionNumber = Valid("SH", header.AccessionNumber),
            ReferringPhysicianName = Valid("PN", header.ReferringPhysicianName),
        };
    }

    /// <summary>Writes the Specific Character Set (when known) and the Patient and General Study modules.</summary>
    internal void WriteTo(DicomOutputDataSet dataSet)
    {
        if (SpecificCharacterSet is not null)
        {
            dataSet.Text(DicomTags.SpecificCharacterSet, "CS", SpecificCharacterSet);
        }

        dataSet
            .Text(DicomTags.PatientName, "PN", PatientName)
            .Text(DicomTags.PatientId, "LO", PatientId)
            .Text(DicomTags.PatientBirthDate, "DA", PatientBirthDate)
            .Text(DicomTags.PatientSex, "CS", PatientSex)
            .Text(DicomTags.StudyInstanceUid, "UI", StudyInstanceUid)
            .Text(DicomTags.StudyDate, "DA", StudyDate)
            .Text(DicomTags.StudyTime, "TM", StudyTime)
            .Text(DicomTags.StudyId, "SH", StudyId)
            .Text(DicomTags.AccessionNumber, "SH", AccessionNumber)
            .Text(DicomTags.ReferringPhysicianName, "PN", ReferringPhysicianName);
    }

    private static string? Valid(string vr, string? value) =>
        value is not null && DicomOutputDataSet.IsValidText(vr, value) ? value : null;
}
