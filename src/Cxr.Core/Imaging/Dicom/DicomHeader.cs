namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// The descriptive header fields a later step needs (a header gate: is this a chest radiograph; DICOM output: which
/// study and patient), as the file states them: the first value, leading and trailing spaces and NULs removed, or null
/// when the element is absent or empty. Bytes are read as ISO 8859-1 whatever the Specific Character Set says (it is
/// kept so a later step can re-decode names); nothing here is interpreted or checked.
/// </summary>
public sealed record DicomHeader
{
    /// <summary>Specific Character Set (0008,0005), e.g. <c>ISO_IR 100</c>; null means the default repertoire (ASCII).</summary>
    public string? SpecificCharacterSet { get; init; }

    /// <summary>SOP Class UID (0008,0016), e.g. <c>1.2.840.10008.5.1.4.1.1.1.1</c> (Digital X-Ray Image Storage - For Presentation).</summary>
    public string? SopClassUid { get; init; }

    /// <summary>SOP Instance UID (0008,0018).</summary>
    public string? SopInstanceUid { get; init; }

    /// <summary>Modality (0008,0060), e.g. <c>CR</c>, <c>DX</c>, <c>OT</c>.</summary>
    public string? Modality { get; init; }

    /// <summary>Presentation Intent Type (0008,0068): <c>FOR PRESENTATION</c> or <c>FOR PROCESSING</c>.</summary>
    public string? PresentationIntentType { get; init; }

    /// <summary>Body Part Examined (0018,0015), e.g. <c>CHEST</c>.</summary>
    public string? BodyPartExamined { get; init; }

    /// <summary>View Position (0018,5101), e.g. <c>PA</c>, <c>AP</c>, <c>LL</c>.</summary>
    public string? ViewPosition { get; init; }

    /// <summary>Patient's Age (0010,1010) as written, e.g. <c>007Y</c>.</summary>
    public string? PatientAge { get; init; }

    /// <summary>Patient's Sex (0010,0040).</summary>
    public string? PatientSex { get; init; }

    /// <summary>Patient's Name (0010,0010), components separated by <c>^</c> as written.</summary>
    public string? PatientName { get; init; }

    /// <summary>Patient ID (0010,0020).</summary>
    public string? PatientId { get; init; }

    /// <summary>Patient's Birth Date (0010,0030), <c>YYYYMMDD</c> as written.</summary>
    public string? PatientBirthDate { get; init; }

    /// <summary>Study Instance UID (0020,000D).</summary>
    public string? StudyInstanceUid { get; init; }

    /// <summary>Series Instance UID (0020,000E).</summary>
    public string? SeriesInstanceUid { get; init; }

    /// <summary>Study Date (0008,0020), <c>YYYYMMDD</c> as written.</summary>
    public string? StudyDate { get; init; }

    /// <summary>Accession Number (0008,0050).</summary>
    public string? AccessionNumber { get; init; }

    /// <summary>Study Time (0008,0030), <c>HHMMSS.FFFFFF</c> (or a prefix of it) as written.</summary>
    public string? StudyTime { get; init; }

    /// <summary>Study ID (0020,0010).</summary>
    public string? StudyId { get; init; }

    /// <summary>Referring Physician's Name (0008,0090), components separated by <c>^</c> as written.</summary>
    public string? ReferringPhysicianName { get; init; }
}
